import Foundation

/// Writes rendered runbooks to `<output>/<tenant-id>/`, each file atomically: it is written
/// beside its destination under a temporary name and renamed into place, so a reader never
/// sees half a runbook and an interrupted run leaves the previous file intact.
public struct RunbookWriter: Sendable {
    /// The folder that receives one sub-folder per tenant.
    public let output: URL

    /// Creates a writer for an output folder, which is created when needed.
    public init(output: URL) {
        self.output = output
    }

    /// The folder a tenant's files go into.
    public func folder(for tenant: TenantURL) -> URL {
        output.appendingPathComponent(tenant.tenantID.rawValue, isDirectory: true)
    }

    /// Writes every document for `tenant`, returning the files' URLs in order.
    @discardableResult
    public func write(_ documents: [RunbookDocument], for tenant: TenantURL) throws(RunbookError) -> [URL] {
        let folder = folder(for: tenant)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RunbookError(.cannotWrite, "cannot create the folder \(folder.relativePath): \(Self.reason(error)). "
                + "Choose another --output folder or fix its permissions.")
        }
        var written: [URL] = []
        for document in documents {
            let file = folder.appendingPathComponent(document.fileName)
            do {
                try Data(document.text.utf8).write(to: file, options: .atomic)
            } catch {
                throw RunbookError(.cannotWrite, "cannot write \(file.relativePath): \(Self.reason(error)). "
                    + "Choose another --output folder or fix its permissions.")
            }
            written.append(file)
        }
        return written
    }

    /// The operating system's reason, such as "not a directory", rather than Foundation's
    /// generic "the operation could not be completed".
    private static func reason(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError, let text = strerror(posix.code.rawValue) {
            return String(cString: text).lowercased()
        }
        return error.localizedDescription
    }
}
