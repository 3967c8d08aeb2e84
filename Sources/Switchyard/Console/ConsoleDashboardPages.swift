import Foundation
import Hummingbird

/// The operator's dashboard: today's and this month's spend, calls and error rate by family and by channel, the
/// live tasks and the reconciliation queue, each as figures and as a chart of the last 30 days.
extension ConsoleServices {
    func registerDashboard(on console: RouterGroup<GatewayRequestContext>) {
        console.get("dashboard") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await dashboard(), visit: visit)
            }
        }
    }

    private func dashboard() async throws -> ConsolePageView {
        let now = clock.nowMillis()
        let day: Int64 = 86_400_000
        let today = now / day * day
        let monthStart = Self.monthStart(now)
        let chartStart = today - 29 * day
        let byFamilyToday = try await ConsoleDashboardQueries.totals(database: database, by: .family, start: today, end: now + 1)
        let byFamilyMonth = try await ConsoleDashboardQueries.totals(database: database, by: .family, start: monthStart, end: now + 1)
        let byChannelToday = try await ConsoleDashboardQueries.totals(database: database, by: .channel, start: today, end: now + 1)
        let byChannelMonth = try await ConsoleDashboardQueries.totals(database: database, by: .channel, start: monthStart, end: now + 1)
        let byDay = try await ConsoleDashboardQueries.totals(database: database, by: .day, start: chartStart, end: now + 1)
        let queues = try await ConsoleDashboardQueries.taskQueues(database: database)
        let queueDays = try await ConsoleDashboardQueries.queueDays(database: database, start: chartStart)
        let channelNames = Dictionary(try await channels.list().map { (String($0.id), $0.name) }, uniquingKeysWith: { first, _ in first })

        let sum = { (rows: [ConsoleDashboardQueries.Totals]) in
            rows.reduce(into: ConsoleDashboardQueries.Totals(key: "all")) {
                $0.calls += $1.calls
                $0.errors += $1.errors
                $0.spendMicros = Money.saturatingAdd($0.spendMicros, $1.spendMicros)
            }
        }
        let todayTotal = sum(byFamilyToday)
        let monthTotal = sum(byFamilyMonth)
        var overview = ConsolePageView.Section("Overview", intro: "Synchronous calls and tasks together; times in UTC.")
        overview.stats = [
            ("Spend today", "$" + Money.format(todayTotal.spendMicros), Self.count(todayTotal.calls, "call")),
            ("Spend this month", "$" + Money.format(monthTotal.spendMicros), Self.count(monthTotal.calls, "call")),
            ("Error rate today", todayTotal.errorRate, Self.count(todayTotal.errors, "error")),
            ("Error rate this month", monthTotal.errorRate, Self.count(monthTotal.errors, "error")),
            ("Live tasks", String(queues.live), "submitting, queued or running"),
            ("Reconciliation queue", String(queues.reconciliation), "held for an operator's decision"),
        ]
        let days = (0..<30).map { chartStart / day + Int64($0) }
        let daily = Dictionary(byDay.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let label = { (index: Int64) in Self.dayLabel(index * day) }
        let series = { (value: (ConsoleDashboardQueries.Totals) -> Double) in
            days.map { ConsoleChart.Point(label: label($0), value: daily[String($0)].map(value) ?? 0) }
        }
        overview.charts = [
            ConsoleChart.bars(title: "Spend per day", points: series { Double($0.spendMicros) / 1_000_000 }, format: Self.dollarsLabel),
            ConsoleChart.bars(title: "Calls per day", points: series { Double($0.calls) }, format: Self.countLabel),
            ConsoleChart.bars(
                title: "Error rate per day", points: series { $0.calls > 0 ? Double($0.errors) * 100 / Double($0.calls) : 0 },
                format: { String(format: "%.1f%%", $0) }, alarming: true),
            ConsoleChart.bars(
                title: "Live tasks, by day started",
                points: days.map { ConsoleChart.Point(label: label($0), value: Double(queueDays[String($0)]?.live ?? 0)) },
                format: Self.countLabel),
            ConsoleChart.bars(
                title: "Reconciliation queue, by day started",
                points: days.map { ConsoleChart.Point(label: label($0), value: Double(queueDays[String($0)]?.held ?? 0)) }, format: Self.countLabel,
                alarming: true),
        ]
        if queues.reconciliation > 0 { overview.intro = "\(queues.reconciliation) task(s) wait for a decision on the Reconciliation page." }

        var families = ConsolePageView.Section("By family")
        let todayByFamily = Dictionary(byFamilyToday.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        families.table = ConsoleTableView(
            columns: ["Family", "Calls today", "Spend today", "Error rate today", "Calls this month", "Spend this month", "Error rate this month"],
            rows: byFamilyMonth.map { month -> [ConsoleTableView.Cell] in
                let today = todayByFamily[month.key] ?? .init(key: month.key)
                return [
                    .init(month.key), .init(String(today.calls)), .init("$" + Money.format(today.spendMicros), mono: true),
                    .init(today.errorRate, badge: Self.rateBadge(today)), .init(String(month.calls)),
                    .init("$" + Money.format(month.spendMicros), mono: true), .init(month.errorRate, badge: Self.rateBadge(month)),
                ]
            }, empty: "No calls this month yet.")
        var byChannel = ConsolePageView.Section("By channel")
        let todayByChannel = Dictionary(byChannelToday.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        byChannel.table = ConsoleTableView(
            columns: ["Channel", "Calls today", "Spend today", "Error rate today", "Calls this month", "Spend this month", "Error rate this month"],
            // By channel number, "no channel" last (the query groups by the id as text, which sorts 10 before 2).
            rows: byChannelMonth.sorted { (Int($0.key) ?? .max) < (Int($1.key) ?? .max) }.map { month -> [ConsoleTableView.Cell] in
                let today = todayByChannel[month.key] ?? .init(key: month.key)
                return [
                    .init(
                        channelNames[month.key].map { "\($0) (#\(month.key))" } ?? (month.key == "none" ? "no channel" : "#\(month.key)"),
                        href: channelNames[month.key] == nil ? nil : "/console/channels/\(month.key)"),
                    .init(String(today.calls)), .init("$" + Money.format(today.spendMicros), mono: true),
                    .init(today.errorRate, badge: Self.rateBadge(today)), .init(String(month.calls)),
                    .init("$" + Money.format(month.spendMicros), mono: true), .init(month.errorRate, badge: Self.rateBadge(month)),
                ]
            }, empty: "No calls this month yet.")
        return ConsolePageView("Dashboard", sections: [overview, families, byChannel])
    }

    static func rateBadge(_ totals: ConsoleDashboardQueries.Totals) -> String {
        guard totals.calls > 0 else { return "" }
        return totals.errors == 0 ? "ok" : totals.errors * 10 < totals.calls ? "warn" : "bad"
    }

    static func monthStart(_ now: Int64) -> Int64 { ConsoleTime.monthStart(now) }

    /// "Nov 26" for a day's midnight in milliseconds.
    static func dayLabel(_ millis: Int64) -> String { ConsoleTime.shortDay(millis) }

    /// "2026-11-26 14:03:09" for an instant in milliseconds (UTC).
    static func timeLabel(_ millis: Int64) -> String { ConsoleTime.time(millis) }

    /// "$1.25", or for amounts under a cent as many decimals as they need ("$0.000014").
    static func dollarsLabel(_ value: Double) -> String {
        guard value != 0, abs(value) < 0.01 else { return String(format: "$%.2f", value) }
        return "$" + Money.format(Int64((value * 1_000_000).rounded()))
    }

    /// "1 call", "3 calls".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
    static func countLabel(_ value: Double) -> String { String(Int(value.rounded())) }
}
