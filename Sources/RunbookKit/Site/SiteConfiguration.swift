import Foundation

/// `Site/site.json`: the docs site's title and pages, in navigation order.
public struct SiteConfiguration: Decodable, Sendable {
    /// What a page is made of.
    public enum Kind: String, Decodable, Sendable {
        /// A Markdown page of the site.
        case markdown
        /// The runbook of the source article's example tenant, after the page's Markdown.
        case runbook
        /// The form that personalises the runbook in the browser, after the page's Markdown.
        case personalizer
    }

    /// One page.
    public struct Page: Decodable, Sendable {
        public var kind: Kind
        /// The Markdown file, relative to the site folder.
        public var source: String
        /// The HTML file, relative to the output folder.
        public var output: String
        /// The page's title, for `<title>` (and the heading of a personaliser).
        public var title: String
        /// The page's name in the navigation; `nil` leaves it out.
        public var navigation: String?
    }

    /// The site's name, after each page title.
    public var title: String
    /// The pages, in navigation order.
    public var pages: [Page]

    /// Reads `site.json` from a site folder, checking that every page writes a distinct,
    /// plain `.html` file name.
    public init(contentsOf directory: URL) throws(RunbookError) {
        let file = directory.appendingPathComponent("site.json")
        do {
            self = try JSONDecoder().decode(SiteConfiguration.self, from: Data(contentsOf: file))
        } catch let error as DecodingError {
            throw RunbookError(.invalidSite, "\(file.path) is not a site configuration: \(error.readable). See Site/README.md.")
        } catch {
            throw RunbookError(
                .invalidSite,
                "cannot read \(file.path): \(error.localizedDescription). Pass the site folder "
                    + "with --source.")
        }
        var seen = Set<String>()
        for page in pages {
            guard page.output.hasSuffix(".html"), !page.output.contains("/"), !page.output.hasPrefix("."),
                seen.insert(page.output).inserted
            else {
                throw RunbookError(
                    .invalidSite,
                    "\(file.path) writes the page ‘\(page.output)’ more than once or outside the "
                        + "output folder. Give each page its own file name ending in .html, without a folder.")
            }
        }
    }
}
