import FuzzSupport
import RunbookKit

// runbook explain's matcher on any text, as support staff paste it: whatever comes in, the
// answer is the same twice, each message found is a catalogue message found once, suggestions
// come only when nothing was found, and a message found stays found with more page around it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExplain(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: FuzzInput(start, count).bytes, as: UTF8.self)
    let catalogue = Shipped.messages
    let explanation = catalogue.explain(text)
    Oracle.require(explanation == catalogue.explain(text), "explain is not deterministic on \(text.debugDescription)")
    let ids = explanation.matches.map(\.id)
    Oracle.require(Set(ids).count == ids.count, "a message is found twice in \(text.debugDescription)")
    Oracle.require(ids.allSatisfy { id in catalogue.messages.contains { $0.id == id } }, "a match that is no catalogue message")
    Oracle.require(explanation.matches.isEmpty || explanation.closest.isEmpty, "suggestions beside matches")
    Oracle.require(explanation.closest.count <= 3, "more than three suggestions")
    // Page text on both sides, cut off by line breaks, never hides what was found.
    let framed = catalogue.explain("Microsoft Entra admin center\n" + text + "\nDismiss")
    Oracle.require(Set(ids).isSubset(of: framed.matches.map(\.id)), "page text around \(text.debugDescription) hides a match")
    return 0
}
