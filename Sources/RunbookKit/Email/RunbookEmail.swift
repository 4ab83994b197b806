import Crypto
import Foundation

/// A runbook as a mail draft: `multipart/alternative`, the plain-text runbook first and the
/// HTML one last (RFC 2046), quoted-printable UTF-8, with `X-Unsent: 1` so mail clients open it
/// as a draft to send. The same inputs give the same bytes: the `Message-ID` and the boundary
/// are digests of the content.
struct RunbookEmail {
    var subject: String
    var text: String
    var html: String
    var date: PublicationDate
    var envelope: EmailEnvelope

    /// The message, CRLF line ends throughout.
    var serialized: String {
        let textPart = MIMEEncoding.quotedPrintable(text)
        let htmlPart = MIMEEncoding.quotedPrintable(html)
        let digest = SHA256.hash(
            data: Data((subject + "\n" + date.rfc5322 + "\n" + envelope.description + textPart + htmlPart).utf8))
        let hex = digest.hexadecimal
        // "=_" never occurs in quoted-printable text, so the boundary cannot appear in a part.
        let boundary = "=_runbook_" + hex.prefix(24)
        let domain = envelope.from?.domain ?? "runbook.invalid"

        var headers: [String] = []
        if let from = envelope.from { headers.append(MIMEEncoding.header("From", from.description)) }
        if !envelope.to.isEmpty {
            headers.append(MIMEEncoding.header("To", envelope.to.map(\.description).joined(separator: ", ")))
        }
        headers += [
            MIMEEncoding.header("Subject", subject),
            "Date: \(date.rfc5322)",
            "Message-ID: <runbook.\(hex.dropFirst(24).prefix(32))@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
            "X-Unsent: 1",
            "X-Mailer: runbook \(RunbookRenderer.version)",
        ]
        let part = { (type: String, body: String) in
            "--\(boundary)\r\nContent-Type: \(type); charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\(body)\r\n"
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\nThis is a message in MIME format.\r\n\r\n"
            + part("text/plain", textPart) + part("text/html", htmlPart) + "--\(boundary)--\r\n"
    }
}
