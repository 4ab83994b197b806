import Foundation

// write(2), named apart from RunbookWriter.write; Glibc on Linux, Darwin on macOS.
#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes rendered runbooks to `<output>/<tenant-id>/`, each file atomically: it is written
/// beside its destination as `.<name>.tmp-<pid>` and renamed into place, so a reader never
/// sees half a runbook, an interrupted run leaves the previous file intact, and the next run
/// knows the leftovers to clean up.
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

    /// Writes every document for `tenant`, returning the files and their bytes in order.
    @discardableResult
    public func write(_ documents: [RunbookDocument], for tenant: TenantURL) throws(RunbookError) -> [(url: URL, data: Data)] {
        let folder = folder(for: tenant)
        try Self.createFolder(folder)
        var written: [(url: URL, data: Data)] = []
        for document in documents {
            let file = folder.appendingPathComponent(document.fileName)
            let data = Data(document.text.utf8)
            try Self.write(data, to: file)
            written.append((file, data))
        }
        return written
    }

    /// Writes `data` to `file` through a temporary file in the same folder and a rename, with
    /// plain system calls: a process killed at any point leaves the old file or the new one,
    /// never half of one. (There is no fsync: the guarantee covers an interrupted process, not
    /// a power cut, and a batch of thousands would spend most of its time waiting on the disk.)
    static func write(_ data: Data, to file: URL) throws(RunbookError) {
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).tmp-\(getpid())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var failure = descriptor < 0 ? errno : 0
        if descriptor >= 0 {
            failure = data.withUnsafeBytes { buffer -> Int32 in
                var offset = 0
                while offset < buffer.count {
                    let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return 0
            }
            if close(descriptor) != 0, failure == 0 { failure = errno }
            if failure == 0, rename(temporary, file.path) != 0 { failure = errno }
            if failure != 0 { unlink(temporary) }
        }
        guard failure == 0 else { throw cannotWrite("write \(file.relativePath)", errno: failure) }
    }

    /// A write that failed with `errno`, with the fix for its cause: a full disk needs space, not
    /// permissions.
    static func cannotWrite(_ what: String, errno code: Int32) -> RunbookError {
        let fix =
            switch code {
            case ENOSPC, EDQUOT:
                "Free some space there or choose another --output folder, and run again: "
                    + "what was written is kept, and written again the same"
            default: "Choose another --output folder or fix its permissions"
            }
        return RunbookError(.cannotWrite, "cannot \(what): \(String(cString: strerror(code)).lowercased()). \(fix).")
    }

    /// A write through Foundation that failed with `error`, with the fix for its cause.
    static func cannotWrite(_ what: String, error: any Error) -> RunbookError {
        cannotWrite(what, errno: errorNumber(error) ?? EIO)
    }

    static func createFolder(_ folder: URL) throws(RunbookError) {
        // The common case, a folder whose parent exists, in one system call.
        if mkdir(folder.path, 0o755) == 0 || errno == EEXIST { return }
        if errno != ENOENT { throw cannotWrite("create the folder \(folder.relativePath)", errno: errno) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RunbookError(
                .cannotWrite,
                "cannot create the folder \(folder.relativePath): \(Self.reason(error)). "
                    + "Choose another --output folder or fix its permissions.")
        }
    }

    /// Removes the temporary files an interrupted run left in the output folder and its tenant
    /// folders, returning how many there were.
    @discardableResult
    public func removeLeftovers() -> Int {
        let manager = FileManager.default
        let folders = [output] + ((try? manager.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)) ?? [])
        var removed = 0
        for folder in folders {
            for file in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            where file.hasPrefix(".") && file.firstMatch(of: /\.tmp-\d+$/) != nil {
                if (try? manager.removeItem(at: folder.appendingPathComponent(file))) != nil { removed += 1 }
            }
        }
        return removed
    }

    /// The operating system's reason, such as "not a directory", rather than Foundation's
    /// generic "the operation could not be completed".
    private static func reason(_ error: any Error) -> String {
        errorNumber(error).map { String(cString: strerror($0)).lowercased() } ?? error.localizedDescription
    }

    /// The `errno` behind a Foundation error, where it keeps one.
    private static func errorNumber(_ error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? POSIXError { return posix.code.rawValue }
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return ENOSPC }
        return nil
    }
}
