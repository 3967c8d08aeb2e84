import Foundation
import Synchronization

/// The emulated time every job timeline of one emulator instance reads.
///
/// A running clock follows the monotonic clock; `advance(bySeconds:)` moves it ahead at once, so a test skips the
/// wait for an upstream to finish instead of sleeping. A manual clock (`EmulatorClock.manual()`) stands still
/// until advanced, and one made by `EmulatorClock.advancedByPolls(secondsPerPoll:)` moves only when a job is polled
/// (each poll of a task or generation moves it on), so a client's own polling drives the timeline. Wall-clock
/// times the upstream reports (`created_at`, epoch seconds) move with it.
public final class EmulatorClock: Sendable {
    /// Monotonic origin of the running clock.
    private let origin = ContinuousClock.now
    /// Wall time at `origin`.
    private let wallOrigin = Date()
    /// False for a manual clock, which moves only when advanced.
    private let runsOnItsOwn: Bool
    /// Seconds each poll of a job moves the clock (0: polls do not move it).
    private let secondsPerPoll: Double
    /// Seconds added by `advance(bySeconds:)` and by polls.
    private let offsetSeconds = Mutex(0.0)

    /// A clock that runs with real time (`runsOnItsOwn`) or stands still until advanced.
    public convenience init(runsOnItsOwn: Bool = true) {
        self.init(runsOnItsOwn: runsOnItsOwn, secondsPerPoll: 0)
    }

    /// The clock with every part given.
    private init(runsOnItsOwn: Bool, secondsPerPoll: Double) {
        self.runsOnItsOwn = runsOnItsOwn
        self.secondsPerPoll = secondsPerPoll.isFinite ? max(0, secondsPerPoll) : 0
    }

    /// A clock that stands still until `advance(bySeconds:)` moves it.
    public static func manual() -> EmulatorClock {
        EmulatorClock(runsOnItsOwn: false)
    }

    /// A clock that stands still except that every poll of a job (Luma `GET /generations/{id}`, Suno and Udio
    /// fetches) moves it `secondsPerPoll` ahead, before the job is shown.
    public static func advancedByPolls(secondsPerPoll: Double) -> EmulatorClock {
        EmulatorClock(runsOnItsOwn: false, secondsPerPoll: secondsPerPoll)
    }

    /// Moves the clock ahead by `seconds` (negative and non-finite values are ignored: time never goes back).
    public func advance(bySeconds seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        offsetSeconds.withLock { $0 += seconds }
    }

    /// Notes that a client polled a job: a clock advanced by polls moves on; others do not.
    func notePoll() {
        advance(bySeconds: secondsPerPoll)
    }

    /// The current emulated instant.
    var now: EmulatorInstant {
        let offset = offsetSeconds.withLock { $0 }
        guard runsOnItsOwn else { return EmulatorInstant(seconds: offset) }
        let elapsed = ContinuousClock.now - origin
        return EmulatorInstant(seconds: elapsed.seconds + offset)
    }

    /// The wall time of `instant`, for the dates an upstream reports.
    func wallTime(of instant: EmulatorInstant) -> Date {
        wallOrigin.addingTimeInterval(instant.seconds)
    }
}

/// A point on an `EmulatorClock`: seconds since the clock was made.
struct EmulatorInstant: Sendable, Comparable {
    /// Seconds since the clock's origin.
    let seconds: Double

    static func < (lhs: EmulatorInstant, rhs: EmulatorInstant) -> Bool {
        lhs.seconds < rhs.seconds
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
