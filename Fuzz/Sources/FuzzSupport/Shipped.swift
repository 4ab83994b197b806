import RunbookKit

/// The shipped templates and region table, loaded once per fuzzing process.
public enum Shipped {
    /// The templates that ship with runbook.
    public static let templates: TemplateSet = {
        do {
            return try TemplateSet(directory: TemplateSet.shippedDirectory())
        } catch {
            fatalError("the shipped templates do not load: \(error)")
        }
    }()

    /// The shipped region table.
    public static let regions: RegionTable = {
        do {
            return try templates.regionTable()
        } catch {
            fatalError("the shipped region table does not load: \(error)")
        }
    }()

    /// The shipped catalogue of Entra's messages.
    public static let messages: EntraCatalogue = {
        do {
            return try templates.entraCatalogue()
        } catch {
            fatalError("the shipped catalogue of Entra's messages does not load: \(error)")
        }
    }()
}
