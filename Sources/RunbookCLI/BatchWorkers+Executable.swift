import Foundation
import RunbookKit

extension BatchWorkers {
    /// Workers that run this same executable as `runbook worker` with this process's own command
    /// line, so each has every option its batch has, read by the same option groups; dated like
    /// this process, so a batch that runs past midnight still dates every page the same. `count`
    /// defaults to one per core.
    static func thisExecutable(count: Int?, date: PublicationDate) -> BatchWorkers {
        #if os(Linux)
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        #else
            let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "\(date.secondsSince1970)"
        return BatchWorkers(
            command: [executable, WorkerCommand.configuration.commandName!] + CommandLine.arguments.dropFirst(),
            count: count ?? ProcessInfo.processInfo.activeProcessorCount,
            environment: environment)
    }
}
