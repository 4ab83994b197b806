import Foundation
import Mustache

/// A folder of Mustache templates and the files they need (CSS, the region table), loaded and
/// checked once, then rendered any number of times.
///
/// Templates are the `*.mustache` files, named by their path without the extension
/// (`partials/values`), which is also how one includes another: `{{> partials/values}}`.
/// Loading checks what swift-mustache would let pass silently:
///
/// - every template declares its content type on its first line (`{{% CONTENT_TYPE: MARKDOWN }}`),
///   because a partial otherwise falls back to HTML escaping inside a Markdown document;
/// - every partial a template includes exists;
/// - a rendering that asks for a value `runbook` does not provide fails instead of leaving a gap.
public struct TemplateSet: @unchecked Sendable {
    // MustacheLibrary is Sendable but holds `Any`-typed lookups; TemplateSet never mutates after init.

    /// The folder the templates were loaded from.
    public let directory: URL
    private let library: MustacheLibrary
    private let names: Set<String>

    /// Loads and checks every template under `directory`.
    ///
    /// - Throws: ``RunbookError`` `.templatesNotFound` when the folder cannot be read, and
    ///   `.invalidTemplate` at the file position of the first template that breaks a rule.
    public init(directory: URL) throws(RunbookError) {
        ContentTypes.registered
        self.directory = directory
        let files = try Self.templateFiles(in: directory)
        var library = MustacheLibrary()
        var sources: [String: (path: String, text: String)] = [:]
        for relativePath in files {
            let path = directory.appendingPathComponent(relativePath).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RunbookError(.templatesNotFound, "cannot read the template \(path). Check its permissions.")
            }
            let text = String(decoding: data, as: UTF8.self)
            let name = String(relativePath.dropLast(".mustache".count))
            try Self.checkContentTypeDeclaration(in: text, path: path)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw RunbookError(
                    .invalidTemplate, Self.describe(error.error),
                    at: .init(path: path, line: error.context.lineNumber, column: error.context.columnNumber))
            } catch {
                throw RunbookError(.invalidTemplate, "\(path) does not parse: \(error)")
            }
            sources[name] = (path, text)
        }
        names = Set(sources.keys)
        for (path, text) in sources.values {
            try Self.checkPartials(in: text, path: path, names: names)
        }
        self.library = library
    }

    /// Whether the set holds a template with this name.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// Renders the template `name` with `context`.
    ///
    /// - Throws: `.invalidTemplate` when the template is missing or asks for a value the context
    ///   does not define.
    func render(_ name: String, with context: TemplateContext) throws(RunbookError) -> String {
        guard let output = library.render(context, withTemplate: name) else {
            throw RunbookError(
                .invalidTemplate,
                "the templates folder \(directory.path) has no \(name).mustache. "
                    + "Copy it from the templates that ship with runbook.")
        }
        let unknown = context.unknownNames
        guard unknown.isEmpty else {
            throw RunbookError(
                .invalidTemplate,
                "\(name).mustache or a partial it includes uses "
                    + unknown.map { "{{\($0)}}" }.joined(separator: ", ")
                    + ", which runbook does not provide. The values are: \(context.knownNames.joined(separator: ", ")).")
        }
        return output
    }

    /// The region table that ships with the templates, `regions.json`.
    public func regionTable() throws(RunbookError) -> RegionTable {
        try RegionTable(json: file("regions.json"), path: directory.appendingPathComponent("regions.json").path)
    }

    /// The catalogue of Entra's messages that ships with the templates, `entra-messages.json`.
    public func entraCatalogue() throws(RunbookError) -> EntraCatalogue {
        try EntraCatalogue(templatesDirectory: directory)
    }

    /// The bytes of a non-template file in the set, such as `html/runbook.css`.
    func file(_ relativePath: String) throws(RunbookError) -> Data {
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunbookError(
                .templatesNotFound,
                "the templates folder \(directory.path) has no \(relativePath). "
                    + "Copy it from the templates that ship with runbook.")
        }
        return data
    }

    // MARK: Loading

    private static func templateFiles(in directory: URL) throws(RunbookError) -> [String] {
        try checkFolder(directory)
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.sorted()
    }

    /// Checks that a templates folder is there before anything is read from it.
    static func checkFolder(_ directory: URL) throws(RunbookError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunbookError(
                .templatesNotFound,
                "the templates folder \(directory.path) does not exist or is not "
                    + "a folder. Pass the folder that holds runbook/, partials/ and html/.")
        }
    }

    private static func checkContentTypeDeclaration(in text: String, path: String) throws(RunbookError) {
        let firstLine = text.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        let declared = ContentTypes.names.contains { firstLine == "{{% CONTENT_TYPE: \($0) }}" }
        guard declared else {
            throw RunbookError(
                .invalidTemplate,
                "a template must declare its content type on its first line: "
                    + "{{% CONTENT_TYPE: MARKDOWN }} for Markdown, HTML for a page, TEXT for plain text.",
                at: .init(path: path, line: 1, column: 1))
        }
    }

    /// Finds `{{> name}}` tags (the default delimiters) whose template is missing. Scans bytes:
    /// every command loads the whole set, and Foundation's `range(of:)` took 5% of a render.
    private static func checkPartials(in text: String, path: String, names: Set<String>) throws(RunbookError) {
        let bytes = Array(text.utf8)
        let opening = Array("{{>".utf8)
        let closing = Array("}}".utf8)
        let tags = bytes.withUnsafeBufferPointer { buffer in
            var tags: [(offset: Int, name: String)] = []
            var searchStart = 0
            while let open = buffer.firstOffset(of: opening, from: searchStart),
                let close = buffer.firstOffset(of: closing, from: open + opening.count)
            {
                let name = String(decoding: buffer[open + opening.count..<close], as: UTF8.self)
                tags.append((open, name.trimmingCharacters(in: .whitespaces)))
                searchStart = close + closing.count
            }
            return tags
        }
        guard let missing = tags.first(where: { !names.contains($0.name) }) else { return }
        let before = bytes[..<missing.offset]
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        throw RunbookError(
            .invalidTemplate,
            "the partial ‘\(missing.name)’ does not exist. Partials are named by their "
                + "path under the templates folder without .mustache, such as partials/values.",
            at: .init(
                path: path, line: before.count { $0 == UInt8(ascii: "\n") } + 1,
                column: String(decoding: bytes[lineStart..<missing.offset], as: UTF8.self).count + 1))
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the section it closes"
        case .unfinishedName: "this tag is not finished; close it with }}"
        case .expectedSectionEnd: "a section opened here is never closed; add its {{/name}} tag"
        case .invalidSetDelimiter: "the set-delimiter tag is malformed; write it as {{=<% %>=}}"
        case .transformAppliedToInheritanceSection: "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "only block definitions may appear inside an inheriting partial"
        case .textInsideInheritSection: "only block definitions may appear inside an inheriting partial"
        case .invalidConfigVariableSyntax: "the pragma is malformed; write it as {{% CONTENT_TYPE: MARKDOWN }}"
        case .unrecognisedConfigVariable: "unknown pragma or content type; use CONTENT_TYPE with MARKDOWN, HTML or TEXT"
        case nil: "\(error)"
        }
    }
}
