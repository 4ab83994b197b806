import Mustache

/// A value a template inserts: sanitised once, then escaped by the template's content type.
///
/// `{{customer}}` escapes the value for the template's content type (Markdown or HTML). For the
/// other places a value can land, a template calls a transform with triple braces, and the
/// transform does the escaping:
///
/// | tag | output |
/// | --- | --- |
/// | `{{{code(tenantURL)}}}` | a Markdown code span |
/// | `{{{shell(tenantURL)}}}` | a POSIX shell word in single quotes |
/// | `{{{powershell(tenantURL)}}}` | a PowerShell verbatim string |
/// | `{{{json(customer)}}}` | a JSON string, also a YAML double-quoted scalar |
/// | `{{{text(tenantURL)}}}` | the value alone, for a fenced code block: only for values `runbook` has validated |
struct TemplateValue: MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible {
    /// The text with line breaks, control characters and bidirectional overrides neutralised.
    let text: String

    init(_ text: String) {
        self.text = text.sanitizedForTemplates
    }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }

    /// The transform names a template may call with triple braces.
    static let transforms: Set<String> = ["code", "shell", "powershell", "json", "text"]

    func transform(_ name: String) -> Any? {
        switch name {
        case "code": text.markdownCodeSpan
        case "shell": text.shellQuoted
        case "powershell": text.powerShellQuoted
        case "json": text.jsonQuoted
        case "text": text
        default: nil
        }
    }
}
