// The derivation rules of DESIGN.md, "Deriving the SCIM Tenant URL". The browser personaliser
// (Templates/site/personalize.js) implements the same rules; both pass Tests/Fixtures/scim-url.json.

extension TenantURL {
    private static let openIDPrefix = "/v1/admin/openid/"
    private static let scimPrefix = "/v1/admin/scim/"

    /// Derives the Tenant URL from what the user gave, checking the rules in order; the first rule
    /// that fails gives the error.
    ///
    /// - Throws: ``RunbookError`` with one of the derivation codes, such as `.unknownHost`.
    public init(_ input: TenantInput, regions: RegionTable) throws(RunbookError) {
        if let url = input.url {
            self = try Self.derive(fromURL: url, regions: regions)
            try checkAgreement(with: input, regions: regions)
        } else {
            self = try Self.derive(region: input.region, tenantID: input.tenantID, regions: regions)
        }
    }

    // Rules 1–8. The text is handled as Unicode scalars and compared with ASCII only, as the
    // browser does with code units; comparing Characters would let a combining mark after a
    // delimiter change the outcome.
    private static func derive(fromURL raw: String, regions: RegionTable) throws(RunbookError) -> TenantURL {
        // 1. Trim, unwrap one pair of <…> or "…", trim again.
        var text = Substring(raw).trimmingPasteWhitespace().unicodeScalars
        if text.count >= 2, (text.first == "<" && text.last == ">") || (text.first == "\"" && text.last == "\"") {
            text = Substring(text.dropFirst().dropLast()).trimmingPasteWhitespace().unicodeScalars
        }
        guard !text.isEmpty else {
            throw RunbookError(
                .notAURL,
                "the URL is empty. Paste the callback URL from the Admin Center, such as "
                    + "\(TenantInput.exampleCallbackURL), or give a region and a tenant ID instead.")
        }
        guard let schemeEnd = text.firstRange(of: "://".unicodeScalars) else {
            throw RunbookError(
                .notAURL,
                "\(Substring(text).quotedForMessage()) is not a URL: it has no ‘://’. Paste "
                    + "the whole callback URL, such as \(TenantInput.exampleCallbackURL), or give a region and a tenant ID instead."
            )
        }

        // 2. The scheme must be https.
        let scheme = Substring(text[..<schemeEnd.lowerBound])
        guard scheme.asciiLowercased() == "https" else {
            throw RunbookError(
                .insecureScheme,
                "the URL starts with \((scheme + "://").quotedForMessage()), "
                    + "but Entra only accepts an https:// Tenant URL. Use https:// and the same host and path.")
        }

        // 3. No credentials, no port but 443.
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else {
            throw RunbookError(
                .credentialsInURL,
                "the URL carries a user name or password before the host "
                    + "(the part ending in ‘@’). Remove it: the Secret Token goes in Entra's Secret Token field, "
                    + "never in the URL.")
        }
        var host = authority
        if let colon = authority.lastIndex(of: ":"), authority.last != "]" {
            let port = Substring(authority[authority.index(after: colon)...])
            host = authority[..<colon]
            guard
                port.isEmpty
                    || (port.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                        && Int(port) == 443)
            else {
                throw RunbookError(
                    .unexpectedPort,
                    "the URL names port \(port.quotedForMessage()), but aiWARE's API "
                        + "answers on the standard HTTPS port. Remove the colon and port after the host.")
            }
        }

        // 4. A known host, exactly.
        var hostName = Substring(host).asciiLowercased()
        if hostName.hasSuffix(".") { hostName.removeLast() }
        guard let region = regions.region(forHost: hostName) else {
            throw RunbookError(
                .unknownHost,
                "\(hostName.quotedForMessage()) is not an aiWARE API host. "
                    + "Known hosts: \(regions.summary). Check the spelling against the callback URL in the "
                    + "Admin Center; an on-premises host must be added with a regions file.")
        }

        // 5. No query, no fragment.
        var path = rest[authorityEnd...]
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }),
            String(path[mark...]) == "?" + TenantURL.scimComplianceFlag
        {
            throw RunbookError(
                .queryOrFragment,
                "the URL ends with ?\(TenantURL.scimComplianceFlag), Entra's flag "
                    + "that changes some of its PATCH requests to RFC 7644's form. aiWARE documents no need for it, and runbook "
                    + "writes the Tenant URL without it: remove it here. runbook verify accepts it, and with --rehearse tells "
                    + "whether aiWARE needs it.")
        }
        if let mark = path.first(where: { $0 == "?" || $0 == "#" }) {
            let what = mark == "?" ? "a query (‘?…’)" : "a fragment (‘#…’)"
            throw RunbookError(
                .queryOrFragment,
                "the URL ends with \(what), which a callback or Tenant URL never "
                    + "has. Remove everything from ‘\(mark)’ on; copy the callback URI from the Admin Center "
                    + "rather than the browser's address bar.")
        }

        // 6. An OpenID or SCIM path.
        if path.last == "/" { path.removeLast() }
        let prefix: String
        if path.starts(with: openIDPrefix.unicodeScalars) {
            prefix = openIDPrefix
        } else if path.starts(with: scimPrefix.unicodeScalars) {
            prefix = scimPrefix
        } else {
            throw RunbookError(
                .notOpenIDPath,
                "the path \((path.isEmpty ? "/" : String(Substring(path))).quotedForMessage()) is "
                    + "not an aiWARE OpenID or SCIM path. A callback URL's path starts with \(openIDPrefix) and a Tenant "
                    + "URL's with \(scimPrefix), followed by the tenant ID.")
        }

        // 7. The tenant ID.
        let afterPrefix = path.dropFirst(prefix.unicodeScalars.count)
        let segment = Substring(afterPrefix.prefix { $0 != "/" })
        guard let tenantID = TenantID(segment) else {
            let found = segment.isEmpty ? "nothing" : segment.quotedForMessage()
            throw RunbookError(
                .invalidTenantID,
                "the URL has \(found) where the tenant ID belongs, after "
                    + "\(prefix). A tenant ID is a UUID such as \(TenantID.example); copy the whole callback URI again.")
        }

        // 8. Only the suffixes aiWARE gives.
        let suffix = String(Substring(afterPrefix.dropFirst(segment.unicodeScalars.count)))
        let source: Source
        switch (prefix, suffix) {
        case (scimPrefix, ""): source = .tenantURL
        case (openIDPrefix, ""): source = .providerURL
        case (openIDPrefix, "/login"): source = .loginURL
        case (openIDPrefix, "/callback/login"): source = .callbackURL
        default:
            let expected =
                prefix == scimPrefix
                ? "A Tenant URL ends with the tenant ID"
                : "A callback URL ends with /callback/login and a login URL with /login"
            throw RunbookError(
                .unexpectedSuffix,
                "the URL continues with \(suffix.quotedForMessage()) after the "
                    + "tenant ID. \(expected); remove the rest.")
        }
        return TenantURL(region: region, tenantID: tenantID, source: source)
    }

    // Rule 9: a region or tenant ID given beside a URL must agree with it.
    private func checkAgreement(with input: TenantInput, regions: RegionTable) throws(RunbookError) {
        if let key = input.region {
            let given = try Self.knownRegion(key, in: regions)
            guard given == region else {
                throw RunbookError(
                    .regionMismatch,
                    "the region \(given.key) is served by \(given.host), but the URL's "
                        + "host is \(region.host) (region \(region.key)). Leave the region out, or correct whichever "
                        + "is wrong.")
            }
        }
        if let id = input.tenantID {
            let given = try Self.validTenantID(id)
            guard given == tenantID else {
                throw RunbookError(
                    .tenantMismatch,
                    "the tenant ID \(given) differs from the URL's, \(tenantID). "
                        + "Leave the tenant ID out, or correct whichever is wrong.")
            }
        }
    }

    // Rule 10: from parts alone.
    private static func derive(
        region key: String?, tenantID id: String?,
        regions: RegionTable
    ) throws(RunbookError) -> TenantURL {
        guard let key else {
            throw RunbookError(
                .unknownRegion,
                "a tenant ID needs a region. Give one of \(regions.keyList), "
                    + "or paste the callback URL instead.")
        }
        let region = try knownRegion(key, in: regions)
        guard let id else {
            throw RunbookError(
                .invalidTenantID,
                "a region needs a tenant ID, the UUID in the callback URL, "
                    + "such as \(TenantID.example). Give it, or paste the callback URL instead.")
        }
        return TenantURL(region: region, tenantID: try validTenantID(id), source: .parts)
    }

    private static func knownRegion(_ key: String, in regions: RegionTable) throws(RunbookError) -> Region {
        guard let region = regions.region(forKey: key.trimmingPasteWhitespace()) else {
            throw RunbookError(
                .unknownRegion,
                "\(key.quotedForMessage()) is not a known region. Use one of "
                    + "\(regions.keyList); an on-premises region must be added with a regions file.")
        }
        return region
    }

    private static func validTenantID(_ id: String) throws(RunbookError) -> TenantID {
        guard let tenantID = TenantID(id.trimmingPasteWhitespace()) else {
            throw RunbookError(
                .invalidTenantID,
                "\(id.quotedForMessage()) is not a tenant ID. A tenant ID is a "
                    + "UUID such as \(TenantID.example), the segment after /openid/ in the callback URL.")
        }
        return tenantID
    }
}

extension RegionTable {
    fileprivate var keyList: String { regions.map(\.key).joined(separator: ", ") }
}

extension Substring.UnicodeScalarView {
    fileprivate func firstRange(of pattern: String.UnicodeScalarView) -> Range<Index>? {
        var start = startIndex
        while start != endIndex {
            if self[start...].starts(with: pattern) {
                return start..<index(start, offsetBy: pattern.count)
            }
            formIndex(after: &start)
        }
        return nil
    }
}
