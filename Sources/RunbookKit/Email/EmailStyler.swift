/// Gives cmark-gfm's HTML the inline styles mail clients need, since many ignore a `<style>`
/// element: every start tag of a known element gets a `style` attribute.
///
/// Working on the HTML text is sound here, and only here: cmark-gfm escapes every `<` of text
/// and attributes, so each `<` in its output starts one of its own tags, and the runbook's
/// values (escaped in the Markdown) never produce one.
enum EmailStyler {
    /// The label colours of GitHub's alerts, for mail, where the page's stylesheet is absent.
    private static let alertColors = [
        "Note": "#0550ae", "Tip": "#1a7f37", "Important": "#8250df",
        "Warning": "#9a6700", "Caution": "#cf222e",
    ]

    /// What opens an alert in mail, a one-cell table with inline styles, up to its content.
    static func calloutOpening(label: String) -> String {
        let color = alertColors[label] ?? "#59636e"
        return "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
            + "style=\"border-collapse:collapse;margin:16px 0;\"><tr><td style=\"border-left:4px solid \(color);"
            + "background:#f6f8fa;padding:10px 14px;\">\n<p style=\"margin:0 0 4px;font-weight:bold;"
            + "color:\(color);\">\(label)</p>\n"
    }

    /// What closes an alert in mail.
    static let calloutClosing = "</td></tr></table>\n"

    static let font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
    static let mono = "Menlo,Consolas,monospace"

    private static let styles: [String: String] = [
        "h1": "margin:0 0 16px;font-size:26px;line-height:1.25;font-weight:bold;color:#1f2328;",
        "h2":
            "margin:28px 0 12px;padding-bottom:6px;border-bottom:1px solid #d1d9e0;font-size:20px;line-height:1.3;font-weight:bold;color:#1f2328;",
        "h3": "margin:22px 0 10px;font-size:17px;line-height:1.3;font-weight:bold;color:#1f2328;",
        "p": "margin:0 0 12px;",
        "ul": "margin:0 0 12px;padding-left:24px;",
        "ol": "margin:0 0 12px;padding-left:28px;",
        "li": "margin:0 0 6px;",
        "pre": "margin:0 0 12px;padding:10px 12px;background:#f6f8fa;border:1px solid #d1d9e0;border-radius:6px;"
            + "white-space:pre-wrap;word-break:break-all;font-family:\(mono);font-size:13px;line-height:1.45;color:#1f2328;",
        "code": "background:#eff2f5;font-family:\(mono);font-size:13px;word-break:break-all;",
        "table": "border-collapse:collapse;margin:0 0 14px;width:100%;font-size:14px;",
        "th": "border:1px solid #d1d9e0;padding:6px 10px;background:#f6f8fa;text-align:left;vertical-align:top;",
        "td": "border:1px solid #d1d9e0;padding:6px 10px;vertical-align:top;",
        "a": "color:#0550ae;",
        "blockquote": "margin:0 0 12px;padding:0 12px;border-left:4px solid #d1d9e0;color:#59636e;",
        "hr": "border:0;border-top:1px solid #d1d9e0;margin:24px 0 12px;",
        "section": "margin-top:20px;font-size:13px;color:#59636e;",
    ]

    /// A code block's `<code>` inherits the block's style instead of an inline code's.
    private static let blockCode = "font-family:\(mono);font-size:13px;"

    /// The HTML with inline styles, and without the footnotes' links back to their references,
    /// or the ids and attributes that only those links use: a mail client cannot scroll to them,
    /// and they weigh 20 KB of a runbook, a fifth of what Gmail shows before it clips a message.
    static func style(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count * 3 / 2)
        var rest = Substring(html)
        var inPre = false
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[open...close]
            rest = rest[rest.index(after: close)...]
            // cmark-gfm writes ` <a href="#fnref-…" class="footnote-backref" …>↩…</a>`, with no link inside.
            if tag.hasPrefix("<a "), tag.contains(" class=\"footnote-backref\""), let end = rest.range(of: "</a>") {
                rest = rest[end.upperBound...]
                if output.last == " " { output.removeLast() }
                continue
            }
            // A reference keeps its link to the footnote, not the id and data attribute the links back used.
            if tag == "<sup class=\"footnote-ref\">" {
                output += "<sup>"
                continue
            }
            if tag.hasPrefix("<a href=\"#fn-"), tag.hasSuffix(" data-footnote-ref>"), let idEnd = tag.firstRange(of: "\" id=\"") {
                output += tag[..<idEnd.lowerBound] + "\" style=\"\(styles["a"]!)\">"
                continue
            }
            let name = tag.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
            if tag.hasPrefix("</pre") { inPre = false }
            guard !tag.hasPrefix("</"), let style = name == "code" && inPre ? blockCode : styles[name],
                !tag.contains(" style=")
            else {
                output += tag
                continue
            }
            if name == "pre" { inPre = true }
            let end = tag.hasSuffix("/>") ? tag.index(tag.endIndex, offsetBy: -2) : tag.index(before: tag.endIndex)
            output += tag[..<end].trimmingSuffixSpaces + " style=\"\(style)\"" + tag[end...]
        }
        return output + rest
    }
}

extension Substring {
    fileprivate var trimmingSuffixSpaces: Substring {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
