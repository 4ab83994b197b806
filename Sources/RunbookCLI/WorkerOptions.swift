import ArgumentParser

/// How many worker processes a list of tenants is spread over: `--jobs`, shared by
/// `render --tenants` and `site --tenants`.
struct WorkerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --tenants: worker processes to render with (default: one per core).",
            valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) {
            throw ValidationError("--jobs must be a number of processes from 1 to 256, such as 4.")
        }
    }
}
