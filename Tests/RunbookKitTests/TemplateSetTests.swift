import Foundation
import RunbookTestSupport
import Testing

@testable import RunbookKit

@Suite("Template set", .temporaryFolders)
struct TemplateSetTests {
    /// A copy of the shipped templates with one file replaced.
    static func templates(replacing relativePath: String, with text: String?) throws -> URL {
        let directory = try TemporaryFolders.make().appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Fixtures.templates, to: directory)
        let file = directory.appendingPathComponent(relativePath)
        if let text {
            try Data(text.utf8).write(to: file)
        } else {
            try FileManager.default.removeItem(at: file)
        }
        return directory
    }

    static func loadError(replacing relativePath: String, with text: String?) throws -> RunbookError? {
        let directory = try templates(replacing: relativePath, with: text)
        return #expect(throws: RunbookError.self) { try TemplateSet(directory: directory) }
    }

    @Test("reports a template that does not parse at its line and column, like a compiler")
    func parseError() throws {
        let error = try Self.loadError(
            replacing: "partials/finalize.mustache",
            with: "{{% CONTENT_TYPE: MARKDOWN }}\n## Finalize\n\n{{#customer}}\nText {{/region}}\n")
        #expect(error?.code == .invalidTemplate)
        #expect(error?.location?.line == 5)
        #expect(error?.location?.column == 9)
        #expect(
            error?.description.hasSuffix(
                "partials/finalize.mustache:5:9: error: this closing tag does not match the section it closes") == true)
    }

    @Test("requires every template to declare its content type on its first line")
    func contentTypeDeclaration() throws {
        let error = try Self.loadError(replacing: "partials/on-demand.mustache", with: "## On demand\n{{customer}}\n")
        #expect(error?.location?.line == 1)
        #expect(error?.message.contains("{{% CONTENT_TYPE: MARKDOWN }}") == true)
    }

    @Test("reports an unknown content type")
    func unknownContentType() throws {
        let error = try Self.loadError(replacing: "partials/on-demand.mustache", with: "{{% CONTENT_TYPE: RTF }}\nx\n")
        #expect(error?.location?.line == 1)
    }

    @Test("reports a partial that does not exist where it is included")
    func missingPartial() throws {
        let error = try Self.loadError(
            replacing: "partials/verify.mustache",
            with: "{{% CONTENT_TYPE: MARKDOWN }}\n## Verify\n\nSée {{> partials/nothing}}.\n")
        #expect(error?.location?.line == 4)
        #expect(error?.location?.column == 5)
        #expect(error?.message.contains("‘partials/nothing’ does not exist") == true)
    }

    @Test("refuses to render a value runbook does not provide")
    func unknownValue() throws {
        let directory = try Self.templates(
            replacing: "partials/values.mustache",
            with: "{{% CONTENT_TYPE: MARKDOWN }}\n## Your values\n\n{{tenantUrl}}\n")
        let renderer = try RunbookRenderer(templates: TemplateSet(directory: directory), date: Fixtures.date)
        let tenant = try TenantURL(.example, regions: Fixtures.regions)
        let error = #expect(throws: RunbookError.self) { try renderer.markdown(for: Runbook(tenant: tenant)) }
        #expect(error?.code == .invalidTemplate)
        #expect(error?.message.contains("uses {{tenantUrl}}, which runbook does not provide") == true)
        #expect(error?.message.contains("tenantURL") == true)
    }

    @Test("an absent optional value is not an unknown one")
    func optionalValue() throws {
        let tenant = try TenantURL(.example, regions: Fixtures.regions)
        #expect(try !Fixtures.renderer.markdown(for: Runbook(tenant: tenant)).contains("Prepared for"))
    }

    @Test("reports a missing templates folder or file", arguments: ["html/page.mustache", "html/runbook.css"])
    func missingFile(path: String) throws {
        let directory = try Self.templates(replacing: path, with: nil)
        let error = #expect(throws: RunbookError.self) {
            let renderer = try RunbookRenderer(templates: TemplateSet(directory: directory), date: Fixtures.date)
            _ = try renderer.html(for: Runbook(tenant: TenantURL(.example, regions: Fixtures.regions)))
        }
        #expect(error?.message.contains(path) == true)
    }

    @Test("reports a templates folder that is not there")
    func missingFolder() {
        let error = #expect(throws: RunbookError.self) {
            try TemplateSet(directory: URL(fileURLWithPath: "/nonexistent/Templates"))
        }
        #expect(error?.code == .templatesNotFound)
        #expect(error?.message.contains("/nonexistent/Templates does not exist") == true)
    }
}

@Suite("Shipped templates escape every value")
struct TemplateLintTests {
    /// Values runbook has validated itself, the only ones `text(…)` may insert bare.
    static let validatedNames: Set<String> = [
        "tenantURL", "tenantID", "callbackURL", "regionHost", "usersURL", "testConnectionURL", "probeFilter",
    ]
    /// Markdown runbook made from values it escaped itself, the only ones a Markdown template inserts whole.
    static let markdownNames: Set<String> = ["shows", "footnotes"]
    static let htmlNames: Set<String> = [
        "body", "css", "script", "cspStyleSource", "cspScriptSource", "navigation", "intro", "runbook", "data", "font",
    ]

    static let files: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: Fixtures.templates.path)!
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.sorted()
    }()

    static func text(_ file: String) throws -> String {
        try String(contentsOf: Fixtures.templates.appendingPathComponent(file), encoding: .utf8)
    }

    @Test("unescaped tags only call an escaping transform, or insert HTML runbook made", arguments: files)
    func unescapedTags(file: String) throws {
        let text = try Self.text(file)
        let isHTML = text.hasPrefix("{{% CONTENT_TYPE: HTML }}")
        for tag in text.matches(of: /\{\{(?:\{([^}]*)\}|&([^}]*))\}\}/) {
            let inner = String(tag.1 ?? tag.2 ?? "").trimmingCharacters(in: .whitespaces)
            if isHTML {
                #expect(Self.htmlNames.contains(inner), "\(file): {{{\(inner)}}} is not rendered HTML")
                continue
            }
            if Self.markdownNames.contains(inner) { continue }
            guard let call = inner.wholeMatch(of: /([a-z]+)\(([A-Za-z]+)\)/) else {
                Issue.record("\(file): {{{\(inner)}}} inserts a value without escaping it")
                continue
            }
            #expect(TemplateValue.transforms.contains(String(call.1)), "\(file): \(call.1) is not a transform")
            if call.1 == "text" {
                #expect(
                    Self.validatedNames.contains(String(call.2)), "\(file): text(\(call.2)) inserts an unvalidated value bare")
            }
        }
    }

    @Test("no escaped value sits inside code, where a backslash would show", arguments: files)
    func noEscapedValueInCode(file: String) throws {
        let text = try Self.text(file)
        guard text.hasPrefix("{{% CONTENT_TYPE: MARKDOWN }}") else { return }
        var inFence = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                continue
            }
            // `{{name}}` but not `{{{name}}}`: a tag whose first character inside is a letter.
            let escapedTag = /(?:^|[^{])\{\{[#^\/]?[a-zA-Z][^}]*\}\}(?!\})/
            if inFence {
                #expect(line.firstMatch(of: escapedTag) == nil, "\(file):\(number + 1): {{…}} inside a code block")
            }
            for span in line.matches(of: /`[^`]*`/) {
                #expect(span.0.firstMatch(of: escapedTag) == nil, "\(file):\(number + 1): {{…}} inside a code span")
            }
        }
    }
}
