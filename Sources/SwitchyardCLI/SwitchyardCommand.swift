import ArgumentParser

/// The `switchyard` command: parses the command line and calls into the libraries.
struct SwitchyardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "A self-hosted AI API gateway.",
        subcommands: [
            ServeCommand.self, UserCommand.self, TokenCommand.self, ChannelCommand.self, PriceCommand.self, AdminCommand.self, LedgerCommand.self,
            EmulateCommand.self,
        ])
}
