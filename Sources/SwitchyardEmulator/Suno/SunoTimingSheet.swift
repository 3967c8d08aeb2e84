import Foundation

/// The answer of `GET /suno/act/timing/{id}`: when each word is sung, and a coarse loudness curve.
enum SunoTimingSheet {
    /// Points in `waveform_data`.
    static let waveformPoints = 50

    /// The timing object of `clip` (complete, so its duration is known): words of its lyrics spread evenly over
    /// the clip after a one-second lead-in, each sung for 80 % of its slot, at most four words a second.
    static func json(for clip: SunoClip) -> EmulatorJSON {
        let duration = clip.song.duration
        let leadIn = min(1.0, duration / 10)
        let maximumWords = max(0, Int((duration - leadIn) * 4))
        let words = Array(EmulatorLyricsWriter.sungWords(clip.song.prompt).prefix(maximumWords))
        let slot = words.isEmpty ? 0 : (duration - leadIn) / Double(words.count)
        let aligned: [EmulatorJSON] = words.enumerated().map { index, word in
            let start = leadIn + Double(index) * slot
            return .object([
                ("word", .string(word)),
                ("success", .bool(true)),
                ("start_s", .double(rounded(start))),
                ("end_s", .double(rounded(start + slot * 0.8))),
                ("p_align", .double(rounded(0.9 + 0.09 * Double(index % 4) / 3))),
            ])
        }
        let waveform: [EmulatorJSON] = (0..<waveformPoints).map { index in
            let level = 0.5 + 0.35 * sin(Double(index) * 0.45) + 0.1 * sin(Double(index) * 1.7)
            return .double(rounded(min(1, max(0, level))))
        }
        return .object([
            ("aligned_words", .array(aligned)),
            ("waveform_data", .array(waveform)),
            ("hoot_cer", .double(0.05)),
            ("is_streamed", .bool(false)),
        ])
    }

    /// `value` to three decimals, as Suno prints its timings.
    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
