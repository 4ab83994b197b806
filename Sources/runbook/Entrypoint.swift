import RunbookCLI

@main
enum Entrypoint {
    static func main() async {
        await RunbookCommand.main()
    }
}
