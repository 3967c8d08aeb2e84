/// What a page says after an action sent the browser to it (`?done=…`): fixed sentences chosen by code, so a link
/// cannot make the console say anything else.
extension ConsoleServices {
    static let notices: [String: String] = [
        "channel-added": "Channel added. Test it against the upstream below.", "channel-saved": "Channel saved.",
        "channel-enabled": "Channel enabled.", "channel-disabled": "Channel disabled: no call is routed to it.",
        "user-created": "User created.", "user-saved": "User saved.", "topup": "Top-up recorded (a repeated submission counts once).",
        "adjusted": "Adjustment recorded.", "group-saved": "Group saved.", "key-saved": "Key limits saved.", "key-enabled": "Key enabled.",
        "key-disabled": "Key disabled.", "key-revoked": "Key revoked: it no longer authenticates.",
        "price-saved": "Price saved: in force from the next call.",
        "price-removed": "Price withdrawn: calls it priced are refused until a price is set again.",
        "reconciled": "Decision recorded.",
    ]

    static func notice(_ visit: ConsoleVisit) -> String? { visit.query["done"].flatMap { notices[$0] } }
}
