import Foundation

extension EmbeddedMedia {
    /// A quarter-second 440 Hz sine tone as a RIFF WAVE file: 8 kHz, mono, 8-bit unsigned PCM (2,044 bytes).
    ///
    /// Built in code rather than embedded: the format is a fixed 44-byte header followed by the samples.
    static let audioWAV: Data = makeSineWAV(sampleRate: 8_000, sampleCount: 2_000, frequency: 440)

    /// A mono 8-bit PCM WAV file of `sampleCount` samples of a sine tone at `frequency` Hz.
    private static func makeSineWAV(sampleRate: Int, sampleCount: Int, frequency: Double) -> Data {
        var data = Data()
        data.reserveCapacity(44 + sampleCount)

        // RIFF header; the chunk size counts everything after its own 8 bytes.
        data.append(contentsOf: Array("RIFF".utf8))
        appendLittleEndian(UInt32(36 + sampleCount), to: &data)
        data.append(contentsOf: Array("WAVE".utf8))

        // "fmt " chunk: PCM, 1 channel, 8 bits per sample, so one byte per frame.
        data.append(contentsOf: Array("fmt ".utf8))
        appendLittleEndian(UInt32(16), to: &data)
        appendLittleEndian(UInt16(1), to: &data)
        appendLittleEndian(UInt16(1), to: &data)
        appendLittleEndian(UInt32(sampleRate), to: &data)
        appendLittleEndian(UInt32(sampleRate), to: &data)
        appendLittleEndian(UInt16(1), to: &data)
        appendLittleEndian(UInt16(8), to: &data)

        // "data" chunk: 8-bit PCM is unsigned, silence at 128.
        data.append(contentsOf: Array("data".utf8))
        appendLittleEndian(UInt32(sampleCount), to: &data)
        for index in 0..<sampleCount {
            let phase = 2 * Double.pi * frequency * Double(index) / Double(sampleRate)
            data.append(UInt8(128 + (100 * sin(phase)).rounded()))
        }
        return data
    }

    /// Appends `value` to `data` in little-endian byte order, as RIFF requires.
    private static func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
