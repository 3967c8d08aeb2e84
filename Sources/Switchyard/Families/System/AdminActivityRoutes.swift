import Hummingbird

/// Everyone's usage log and tasks, filtered and paginated.
extension AdminRoutes {
    func registerActivity(on api: RouterGroup<GatewayRequestContext>) {
        api.get("log") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.usage(
                database: database, tokenID: query["token_id"].map(String.init), userID: query["user_id"].map(String.init),
                model: query["model"].map(String.init),
                start: try SystemQueries.instant(query["start"].map(String.init), name: "start") ?? 0,
                end: try SystemQueries.instant(query["end"].map(String.init), name: "end") ?? .max / 2, limit: page.size, offset: page.offset)
            return page.envelope(items)
        }
        api.get("task") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.tasks(
                database: database, tokenID: query["token_id"].map(String.init), userID: query["user_id"].map(String.init),
                family: query["family"].map(String.init),
                state: try SystemQueries.state(query["state"].map(String.init)), limit: page.size, offset: page.offset)
            return page.envelope(items)
        }
    }
}
