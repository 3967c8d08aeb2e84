import Logging
import NIOCore
import NIOPosix
import Switchyard

/// The process's entry point.
@main
enum SwitchyardMain {
    static func main() async {
        // Swift's tasks run on NIO's event loops instead of a pool of their own: a request's handler, its upstream
        // call and its response then stay on one thread instead of hopping between two pools at every await.
        // Must be done first, on the main thread.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) }
        await SwitchyardCommand.main()
    }
}
