import Foundation
import LimnRouter

/// What the fake router answers and which faults are pending: a plain value, mutated under the
/// router's lock, so the choice of answer is testable on its own.
struct FakeScenario: Sendable {
    /// An answer for a model and/or route (nil matches any).
    struct Rule: Sendable {
        var model: String?
        var route: Route?
        var answer: FakeAnswer
    }

    /// A fault waiting to be used `remaining` more times.
    struct PendingFault: Sendable {
        var fault: FakeFault
        var remaining: Int
        var model: String?
        var route: Route?
    }

    var rules: [Rule] = []
    var faults: [PendingFault] = []
    var latency: Duration = .zero

    /// Replaces any rule for the same model and route.
    mutating func answer(model: String?, route: Route?, with answer: FakeAnswer) {
        rules.removeAll { $0.model?.lowercased() == model?.lowercased() && $0.route == route }
        rules.append(Rule(model: model, route: route, answer: answer))
    }

    /// The answer a rule gives `model` on `route` (rule models match case-insensitively and may be
    /// globs such as `gpt-image-*`): a model+route rule first, then a model rule, then a
    /// route rule, then a catch-all rule; nil when no rule matches (the family default applies).
    func explicitAnswer(model: String, route: Route) -> FakeAnswer? {
        let named: (Rule) -> Bool = { rule in rule.model.map { RouteTable.Entry($0, route).matches(model) } ?? false }
        let ranked: [(Rule) -> Bool] = [
            { named($0) && $0.route == route },
            { named($0) && $0.route == nil },
            { $0.model == nil && $0.route == route },
            { $0.model == nil && $0.route == nil },
        ]
        for matches in ranked {
            if let rule = rules.last(where: matches) { return rule.answer }
        }
        return nil
    }

    /// Takes one use of the first fault matching the request, if any.
    mutating func takeFault(model: String?, route: Route?) -> FakeFault? {
        guard let index = faults.firstIndex(where: { pending in
            pending.remaining > 0
                && (pending.model.map { pattern in model.map { RouteTable.Entry(pattern, .chat).matches($0) } ?? false } ?? true)
                && (pending.route == nil || pending.route == route)
        }) else { return nil }
        faults[index].remaining -= 1
        let fault = faults[index].fault
        if faults[index].remaining == 0 { faults.remove(at: index) }
        return fault
    }
}
