/// Values a customer or a colleague might type, chosen to break out of every output runbook
/// writes: Markdown, HTML, YAML front matter, POSIX shell and PowerShell.
enum HostileValues {
    static let all: [String] = [
        "Acme Corp.",
        "*emphasis* _under_ **strong** ~~strike~~",
        "[link](javascript:alert(1)) ![image](https://example.com/x.png)",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "<!-- comment --> <b>bold</b> &amp; &#60; &lt;",
        "`code` ``double`` ```fence",
        "# Heading\n\n1. list\n- item\n> quote\n\n---",
        "| a | b |\n| --- | --- |",
        "https://evil.example www.evil.example user@evil.example mailto:a@b.example",
        "[^1] [ref]: https://evil.example \"title\"",
        "trailing backslash \\",
        "'single' \"double\" ‘curly’ “quotes” ‚low‛",
        "$(touch /tmp/pwned) `touch /tmp/pwned`; rm -rf / && echo $HOME | tee x",
        "${env:PATH} $env:AIWARE_SCIM_TOKEN @(1) & calc.exe",
        "{{customer}} {{{tenantURL}}} {{> partials/values}}",
        "line\rbreak\u{0}nul\u{7}bell\u{1B}[31mansi\u{85}nel\u{2028}ls",
        "bidi \u{202E}evil\u{202C} \u{2066}isolate\u{2069}",
        "quote with combining mark \"\u{301} and '\u{301} and <\u{301}",
        "Ünïcödé 日本語 العربية emoji 🧑‍💻",
        "  surrounded by spaces  ",
        String(repeating: "<&>\"'`*_[]()#|\\", count: 700),  // about 10 KB
    ]
}
