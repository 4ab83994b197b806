import Foundation
import FuzzSupport
import RunbookKit

// The whole runbook rendered for a customer name and mail addresses the fuzzer chooses. What
// the values may change is text; what they may never change is structure. So each output is
// compared with the same runbook rendered for a plain name: the HTML page must have the same
// tags and attributes, the Markdown must turn into HTML of the same shape, and the email must
// have the same header fields and MIME parts.

private let renderer: RunbookRenderer = {
    do {
        return try RunbookRenderer(templates: Shipped.templates, date: PublicationDate(secondsSince1970: 1_764_374_400))
    } catch {
        fatalError("the shipped templates do not render: \(error)")
    }
}()
private let tenant: TenantURL = {
    do {
        return try TenantURL(TenantInput.example, regions: Shipped.regions)
    } catch {
        fatalError("the example tenant does not derive: \(error)")
    }
}()
private let parser = MarkdownParser()

private struct Shape: Equatable, Sendable {
    var page: HTMLSkeleton
    var markdown: HTMLSkeleton
    var emailHeaders: [String]
    var emailParts: Int

    init(customer: String?, envelope: EmailEnvelope) {
        let documents: [RunbookDocument]
        do {
            documents = try renderer.documents(
                for: Runbook(tenant: tenant, customer: customer), formats: RunbookFormat.allCases,
                envelope: envelope)
        } catch {
            fatalError("a customer name made rendering fail: \(error)")
        }
        let text = { (format: RunbookFormat) in documents.first { $0.format == format }!.text }
        page = HTMLSkeleton(text(.html))
        // The front matter is YAML: each value must read back as a JSON string. The body is Markdown.
        let parts = text(.markdown).components(separatedBy: "\n---\n")
        for line in parts[0].split(separator: "\n").dropFirst() {
            let value = line.drop { $0 != ":" }.dropFirst(2)
            let decoded = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            Oracle.require(
                value == "null" || decoded is String, "the front matter line \(line.debugDescription) is not key: \"string\"")
            Oracle.require(
                !value.contains { "<>&[]".contains($0) },
                "the front matter line \(line.debugDescription) holds HTML or link syntax")
        }
        markdown = HTMLSkeleton(parser.html(from: parts.dropFirst().joined(separator: "\n---\n")))
        let email = text(.eml)
        let head = email.components(separatedBy: "\r\n\r\n")[0]
        emailHeaders = head.components(separatedBy: "\r\n").compactMap { line in
            line.first == " " || line.first == "\t" ? nil : String(line.prefix { $0 != ":" })
        }
        // Count the lines that are a boundary of a multipart the email declares.
        let boundaries = email.components(separatedBy: "boundary=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        emailParts =
            email.components(separatedBy: "\r\n").filter { line in
                boundaries.contains { line == "--\($0)" || line == "--\($0)--" }
            }.count
        Oracle.require(email.utf8.allSatisfy { $0 < 0x80 }, "the email is not 7-bit")
        Oracle.require(
            !email.replacingOccurrences(of: "\r\n", with: "").contains(where: { $0 == "\r" || $0 == "\n" }),
            "the email has a bare CR or LF")
    }
}

private let plainShape = Shape(customer: "Plain Customer", envelope: EmailEnvelope(to: [try! EmailAddress("admin@example.com")]))
private let anonymousShape = Shape(customer: nil, envelope: EmailEnvelope(to: [try! EmailAddress("admin@example.com")]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRunbookCustomer(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let fields = FuzzInput(start, count).fields(2).map { String(decoding: $0, as: UTF8.self) }
    // An address the fuzzer wrote is used only when EmailAddress accepts it, as the CLI does.
    guard let address = try? EmailAddress(fields[1].isEmpty ? "admin@example.com" : fields[1]) else { return 0 }
    let runbook = Runbook(tenant: tenant, customer: fields[0])
    let expected = runbook.customer == nil ? anonymousShape : plainShape
    let shape = Shape(customer: fields[0], envelope: EmailEnvelope(to: [address]))
    Oracle.require(shape.page == expected.page, "the customer name \(fields[0].debugDescription) changed the page's structure")
    Oracle.require(
        shape.markdown == expected.markdown, "the customer name \(fields[0].debugDescription) changed the Markdown's structure")
    Oracle.require(
        shape.emailHeaders == expected.emailHeaders,
        "\(fields.debugDescription) changed the email's header fields: \(shape.emailHeaders)")
    Oracle.require(shape.emailParts == expected.emailParts, "\(fields.debugDescription) changed the email's MIME parts")
    return 0
}
