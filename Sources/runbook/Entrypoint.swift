import RunbookCLI

@main
enum Entrypoint {
    static func main() {
        RunbookCommand.main()
    }
}
