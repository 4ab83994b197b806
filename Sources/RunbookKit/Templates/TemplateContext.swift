import Mustache

/// The values one rendering may use, looked up strictly.
///
/// swift-mustache renders an unknown name as nothing, so a misspelt `{{tenantUrl}}` would
/// quietly drop the Tenant URL from a runbook. This context records every name it was asked for
/// and does not hold, and ``TemplateSet`` turns those into an error.
final class TemplateContext: MustacheParent {
    private var values: [String: Any] = [:]
    private var optionalNames: Set<String> = []
    private var unknown: Set<String> = []

    init() {}

    /// Sets a value; `nil` declares an optional value that is absent, so a section on it renders
    /// nothing instead of failing.
    func set(_ name: String, _ text: String?) {
        if let text { values[name] = TemplateValue(text) } else { optionalNames.insert(name) }
    }

    /// Sets a value that is already HTML, such as the rendered body; only an HTML template inserts
    /// it, with triple braces.
    func set(_ name: String, html: String) {
        values[name] = html
    }

    /// Sets a value that is already Markdown, escaped by the caller; only a Markdown template
    /// inserts it, with triple braces.
    func set(_ name: String, markdown: String) {
        values[name] = markdown
    }

    /// Sets a list for `{{#name}}…{{/name}}` sections, which render once per item with the item's
    /// values. A name an item lacks is looked up in this context, and is unknown if it is not here.
    func set(_ name: String, list: [TemplateContext]) {
        values[name] = list
    }

    /// Sets a flag for `{{#name}}…{{/name}}` sections.
    func set(_ name: String, _ flag: Bool) {
        values[name] = flag
    }

    /// The text of a value set with ``set(_:_:)-(String,String?)``, if any.
    func text(_ name: String) -> String? {
        (values[name] as? TemplateValue)?.text
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        // Found, and empty: `nil` would send swift-mustache on down the stack, so an absent value
        // of a list's item would be looked up, and reported unknown, in the context around it.
        if optionalNames.contains(name) { return Absent() }
        unknown.insert(name)
        return nil
    }

    /// A declared value that is absent: renders as nothing, and a section on it as false.
    private struct Absent: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    /// The names asked for that this context does not define, sorted.
    var unknownNames: [String] { unknown.sorted() }

    /// The names this context defines, sorted, for error messages.
    var knownNames: [String] { (Set(values.keys).union(optionalNames)).sorted() }
}
