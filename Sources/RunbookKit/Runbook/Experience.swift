/// The two forms of Microsoft Entra's provisioning screens, which the runbook covers side by side
/// (REFERENCE.md, "Entra side"): the classic one, which opens with **Get started**, and the newer
/// one, which opens with **+ New configuration**.
///
/// A runbook template puts an experience's own steps under a heading that starts with
/// ``heading``, such as `### Classic experience: open the credentials form`; the steps both
/// share go under other headings, once. The HTML page then shows the admin's experience only.
public enum Experience: String, CaseIterable, Sendable {
    /// *Get started*, *Provisioning Mode*, *Admin Credentials*, *Mappings*, *Settings*.
    case classic
    /// *+ New configuration*, *Attribute mapping*, *Overview > Properties*, *Start provisioning*.
    case newer

    /// The words that open a heading over this experience's steps.
    public var heading: String {
        switch self {
        case .classic: "Classic experience"
        case .newer: "Newer experience"
        }
    }

    /// What the application's **Provisioning** page offers first in this experience, by which the
    /// admin tells which one they have.
    public var cue: String {
        switch self {
        case .classic: "Get started"
        case .newer: "+ New configuration"
        }
    }
}
