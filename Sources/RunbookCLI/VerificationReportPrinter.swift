import RunbookKit
import RunbookVerify

/// The human form of a verification report: one aligned line per check, then what Entra
/// shows and the fix, then the verdict.
struct VerificationReportPrinter {
    /// Whether to colour the statuses with ANSI escapes.
    var colors: Bool

    func text(for report: VerificationReport) -> String {
        let titleWidth = VerificationCheck.Kind.allCases.map(\.title.count).max() ?? 0
        let indent = String(repeating: " ", count: 6 + titleWidth + 2)
        var lines = ["runbook verify \(report.url)", "token \(report.token)", ""]
        for check in report.checks {
            let status = paint(check.status.rawValue.uppercased().padding(toLength: 4, withPad: " ", startingAt: 0), check.status)
            let title = check.kind.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
            let time = check.formattedDuration.map { "  (\($0))" } ?? ""
            lines.append("\(status)  \(title)  \(check.diagnosis)\(time)")
            if let entra = check.entraMessage {
                lines.append(indent + "Entra shows: \(entra)")
            }
            if let fix = check.fix {
                lines.append(indent + "Fix: \(fix)")
            }
        }
        lines.append("")
        lines.append(verdict(for: report))
        return lines.joined(separator: "\n") + "\n"
    }

    private func verdict(for report: VerificationReport) -> String {
        let counts =
            "\(report.count(.fail)) failed, \(report.count(.warn)) \(report.count(.warn) == 1 ? "warning" : "warnings"), "
            + "\(report.count(.pass)) passed, \(report.count(.skip)) skipped"
        let transport = report[.transport]
        let entra =
            if report[.testConnection]?.status == .pass || report[.testConnection]?.status == .warn {
                "Entra's Test Connection will pass."
            } else if transport?.status == .fail, transport?.entraMessages.isEmpty == true {
                // A failure Entra would not meet: the proxy's.
                "Entra's Test Connection could not be judged from here: this machine's proxy stands in the way, and Entra does not go through it."
            } else {
                "Entra's Test Connection will fail."
            }
        return "\(paint(report.verdict.rawValue.uppercased(), report.verdict)): \(counts). \(entra)\(rehearsal(in: report))"
    }

    /// A sentence on the rehearsal, when there was one.
    private func rehearsal(in report: VerificationReport) -> String {
        let checks = report.checks.filter(\.kind.isRehearsal)
        guard let cleanup = report[.userCleanup] else { return "" }
        if cleanup.status == .fail { return " The test user may still exist: see user cleanup." }
        if checks.allSatisfy({ $0.status == .skip }) { return " The rehearsal did not run." }
        if checks.contains(where: { $0.status == .fail }) { return " The rehearsed first cycle failed; nothing was left behind." }
        if checks.contains(where: { $0.status == .skip }) { return " The rehearsal stopped early; nothing was left behind." }
        return " The rehearsed first cycle passed; nothing was left behind."
    }

    private func paint(_ text: String, _ status: VerificationCheck.Status) -> String {
        guard colors else { return text }
        let code =
            switch status {
            case .pass: "32"
            case .warn: "33"
            case .fail: "1;31"
            case .skip: "2"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
