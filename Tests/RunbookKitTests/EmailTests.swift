import Foundation
import Testing

@testable import RunbookKit

@Suite("The runbook as a mail draft")
struct EmailTests {
    static let runbook = Runbook(tenant: try! TenantURL(.example, regions: Fixtures.regions), customer: "Contoso Ltd")

    func eml(_ runbook: Runbook = runbook, envelope: EmailEnvelope = EmailEnvelope()) throws -> String {
        try Fixtures.renderer.documents(for: runbook, formats: [.eml], envelope: envelope)[0].text
    }

    @Test("is multipart/alternative, text first and HTML last, with the headers a draft needs")
    func structure() throws {
        let message = try eml(
            envelope: EmailEnvelope(
                from: try EmailAddress("Veritone Support <support@veritone.example>"),
                to: [try EmailAddress("it@contoso.example")]))
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.hasPrefix("From: Veritone Support <support@veritone.example>\r\nTo: it@contoso.example\r\nSubject: "))
        #expect(head.contains("\r\nDate: Sat, 29 Nov 2025 00:00:00 +0000\r\n"))
        #expect(head.contains("\r\nMIME-Version: 1.0\r\n"))
        #expect(head.contains("\r\nX-Unsent: 1\r\n"))
        #expect(head.firstMatch(of: /\r\nMessage-ID: <runbook\.[0-9a-f]{32}@veritone\.example>\r\n/) != nil)
        let boundary = try #require(head.firstMatch(of: /boundary="([^"]+)"/)).1
        let text = try #require(
            message.range(
                of: "--\(boundary)\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable")
        )
        let html = try #require(
            message.range(
                of: "--\(boundary)\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(text.lowerBound < html.lowerBound)
        #expect(message.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test("has CRLF line ends only, no line over 78 characters, and no byte that is not ASCII")
    func lines() throws {
        let message = try eml(
            Runbook(tenant: Self.runbook.tenant, customer: "Société Générale — Zürich " + String(repeating: "x", count: 300)))
        #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(message.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test("is the same bytes for the same inputs, and another Message-ID for another recipient")
    func deterministic() throws {
        #expect(try eml() == eml())
        let other = try eml(envelope: EmailEnvelope(to: [try EmailAddress("ops@contoso.example")]))
        let id = { (text: String) in text.firstMatch(of: /Message-ID: (\S+)/).map { String($0.1) } }
        #expect(id(try eml()) != id(other))
    }

    @Test("has an HTML part for mail clients: inline styles only, no script, no image, under 100 KB")
    func htmlPart() throws {
        let part = try Fixtures.renderer.documents(for: Self.runbook, formats: [.eml])[0].text
            .components(
                separatedBy: "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")[
                1]
        let html = Self.decodeQuotedPrintable(String(part[..<part.range(of: "\r\n--=_runbook_")!.lowerBound]))
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<style") && !html.contains("<input"))
        #expect(!html.contains("copy-button"))
        #expect(html.utf8.count < 100_000)
        #expect(html.contains("style=\"border-left:4px solid #9a6700;"))
        #expect(html.contains("<pre style=\"margin:0 0 12px;padding:10px 12px;background:#f6f8fa;"))
        // The footnotes stay, without their links back, which a mail client cannot follow.
        #expect(html.contains("<section class=\"footnotes\""))
        #expect(!html.contains("footnote-backref") && !html.contains("↩"))
    }

    @Test("carries both Entra experiences, each labelled, in the text part and the HTML part")
    func experiences() throws {
        let message = try eml()
        let parts = message.components(separatedBy: "Content-Transfer-Encoding: quoted-printable\r\n\r\n").dropFirst()
            .map { Self.decodeQuotedPrintable(String($0[..<$0.range(of: "\r\n--=_runbook_")!.lowerBound])) }
        #expect(parts.count == 2)
        for heading in [
            "Classic experience: open the credentials form", "Newer experience: open the credentials form",
            "Both experiences: enter and test the credentials", "Newer experience: properties, then start provisioning",
        ] {
            #expect(parts[0].contains("\(heading)\n" + String(repeating: "~", count: heading.count)), "text part: \(heading)")
            #expect(parts[1].contains(heading), "HTML part: \(heading)")
        }
        #expect(!parts[1].contains("data-experience"), "the mail has no script to pick an experience")
    }

    // MARK: Encodings

    @Test(
        "quoted-printable keeps lines within 76 characters and escapes what it must",
        arguments: [
            "plain", "a=b", "trailing space ", "tab\t", "From the start", "é€😀", String(repeating: "x", count: 300),
            "=" + String(repeating: "é", count: 80),
        ])
    func quotedPrintable(text: String) {
        let encoded = MIMEEncoding.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(encoded.utf8.allSatisfy { (32...126).contains($0) || $0 == 13 || $0 == 10 })
        #expect(Self.decodeQuotedPrintable(encoded) == text)
        #expect(!encoded.hasPrefix("From "))
    }

    @Test("a header folds ASCII at spaces and encodes anything else in words of at most 75 characters")
    func headers() {
        let ascii = MIMEEncoding.header("Subject", String(repeating: "word ", count: 40))
        #expect(ascii.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(ascii.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let encoded = MIMEEncoding.header("Subject", "Zürich " + String(repeating: "😀", count: 40))
        let words = encoded.dropFirst("Subject: ".count).components(separatedBy: "\r\n ")
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }
        #expect(decoded.joined() == "Zürich " + String(repeating: "😀", count: 40))
    }

    @Test(
        "display names are quoted or encoded as they need",
        arguments: [
            ("IT Desk <it@contoso.example>", "IT Desk <it@contoso.example>"),
            ("\"Desk, IT\" <it@contoso.example>", "\"Desk, IT\" <it@contoso.example>"),
            ("Zoë <zoe@contoso.example>", "=?UTF-8?B?Wm/Dqw==?= <zoe@contoso.example>"),
            ("it@contoso.example", "it@contoso.example"),
        ])
    func mailbox(input: String, header: String) throws {
        #expect(try EmailAddress(input).description == header)
    }

    @Test(
        "refuses what is not an address",
        arguments: [
            "it", "it@localhost", "it@@x.example", "a b@x.example", ".a@x.example",
            "it@-x.example", "it@x..example", "it@bücher.example", "<>",
        ])
    func badAddress(input: String) {
        let error = #expect(throws: RunbookError.self) { try EmailAddress(input) }
        #expect(error?.code == .invalidEmailAddress)
    }

    @Test(
        "refuses a header value with a line break or control character, never passing it on",
        arguments: ["Acme\r\nBcc: evil@x.example", "Acme\nX", "nul\u{0}", "del\u{7F}", "bidi\u{202E}", "ls\u{2028}"])
    func headerInjection(value: String) {
        let error = #expect(throws: RunbookError.self) { try EmailAddress.checkHeaderValue(value, field: "the customer name") }
        #expect(error?.code == .invalidHeaderValue)
        #expect(throws: RunbookError.self) { try EmailAddress("x@y.example\r\nBcc: evil@x.example") }
    }

    // MARK: The text part

    @Test("the text part is the runbook in plain text: numbered steps, WARNING lines, addresses whole on their own lines")
    func textPart() throws {
        let body = try Fixtures.renderer.body(for: Self.runbook)
        let text = MarkdownParser(features: .email).plainText(from: body)
        #expect(
            text.hasPrefix(
                "Provision users from Microsoft Entra ID into Veritone aiWARE\n" + String(repeating: "=", count: 60) + "\n"))
        #expect(text.contains("\nGenerate an API token\n---------------------\n"))
        #expect(text.contains("\n1.  Access Admin Center by logging in"))
        #expect(text.contains("\n7.  Select Copy, and paste the token"))
        #expect(text.contains("\nWARNING: The dialog box displays the token only when you create it."))
        #expect(text.contains("\nWARNING: Paste the token alone."))
        #expect(text.contains("\nhttps://api.us-1.veritone.com/v1/admin/scim/16f982b7-17fa-4c6c-a17b-9e7e018d42c0\n"))
        #expect(text.firstMatch(of: /\n *https:\/\/support\.veritone\.com\/articles\/en_US\/Knowledge\/000003953\n/) != nil)
        #expect(!text.contains("[ ]") && !text.contains("[!"))
        // In prose and tables, an address starts its line or cell; in commands it stays in its quotes.
        for line in text.split(separator: "\n") where line.contains("https://") && !line.contains("'https://") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("https://") || line.contains("| "), "\(line)")
        }
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "="), input.count >= 2 {
                bytes.append(UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)!)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
