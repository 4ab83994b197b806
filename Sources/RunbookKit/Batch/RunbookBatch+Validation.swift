extension RunbookBatch {
    /// The tenants of the rows so far, in 24 bytes each, so a long list's memory stays flat.
    struct SeenTenants {
        private struct Key: Hashable { var high: UInt64, low: UInt64 }
        private var places: [Key: Int32] = [:]

        private static func key(_ tenant: TenantID) -> Key {
            let hex = tenant.rawValue.utf8.filter { $0 != UInt8(ascii: "-") }
            let digits = String(decoding: hex, as: UTF8.self)
            return Key(high: UInt64(digits.prefix(16), radix: 16) ?? 0, low: UInt64(digits.suffix(16), radix: 16) ?? 0)
        }

        /// Where `tenant` was first seen, written as `row` writes its own place.
        func place(of tenant: TenantID, in row: TenantRow) -> String? {
            places[Self.key(tenant)].map { row.line == nil ? "item \($0)" : "line \($0)" }
        }

        mutating func insert(_ tenant: TenantID, at row: TenantRow) {
            places[Self.key(tenant)] = Int32(clamping: row.line ?? row.number)
        }
    }

    struct RowFailure: Error {
        var error: RunbookError
        var tenant: TenantURL?
    }

    /// Checks a row as one process would, in row order: its problem, its tenant, its address,
    /// its customer's fitness for a mail header, and whether its tenant came before.
    func validate(_ row: TenantRow, seen: inout SeenTenants) throws(RowFailure) -> TenantURL {
        var tenant: TenantURL?
        do throws(RunbookError) {
            if let problem = row.problem { throw problem }
            guard !row.input.isEmpty else {
                throw RunbookError(.notAURL, "the row names no tenant. Give a callback_url, or a region and a tenant_id.")
            }
            tenant = try TenantURL(row.input, regions: regions)
            _ = try EmailEnvelope(
                from: nil, to: row.values[.email].map { [$0] } ?? [],
                customer: formats.contains(.eml) ? row.values[.customer] : nil)
            if let first = seen.place(of: tenant!.tenantID, in: row) {
                throw RunbookError(
                    .duplicateTenant,
                    "tenant \(tenant!.tenantID) is already on \(first); a tenant appears "
                        + "once in a list. Remove one of the two rows.")
            }
            seen.insert(tenant!.tenantID, at: row)
            return tenant!
        } catch {
            throw RowFailure(error: error, tenant: tenant)
        }
    }
}
