import Foundation
import FuzzSupport
import RunbookKit

// The tenant-list loaders on any file: the selector byte picks CSV or JSON, the rest is the
// file. Opening and reading either succeed or fail with a tenant-list error that is safe to
// print; every row is numbered in order and has a tenant, or a problem that says why not.

private let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("runbook-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
private let listCodes: Set<RunbookError.Code> = [.invalidTenantList]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTenantList(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let file = folder.appendingPathComponent(input.selector % 2 == 0 ? "tenants.csv" : "tenants.json")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(input.rest).write(to: file)
    } catch {
        fatalError("cannot write the fuzz input to \(file.path): \(error)")
    }
    defer { try? FileManager.default.removeItem(at: file) }

    do {
        let list = try TenantList(contentsOf: file)
        for note in list.notes {
            Oracle.require(Oracle.isTerminalSafe(note), "an unsafe note: \(note.debugDescription)")
        }
        var rows = 0
        try list.forEachRow { row in
            rows += 1
            Oracle.require(row.number == rows, "row \(rows) is numbered \(row.number)")
            if let problem = row.problem {
                Oracle.require(Oracle.isTerminalSafe(problem.message), "an unsafe message: \(problem.message.debugDescription)")
            }
        }
        let counted = try list.count()
        Oracle.require(counted == rows, "count() says \(counted) where \(rows) rows were read")
    } catch {
        Oracle.require(listCodes.contains(error.code), "an error outside the tenant-list codes: \(error)")
        Oracle.require(Oracle.isTerminalSafe(error.message), "an unsafe message: \(error.message.debugDescription)")
    }
    return 0
}
