import Foundation
import Testing
import TestSupport

/// `kg report` on a fresh extract output, and the page in a real browser (headless Chromium).
@Suite(.serialized) struct ReportCLITests {
    /// Extracts the seeds into a fresh folder (the caller removes it) and writes the report with gold.
    func extractAndReport(formats: String? = nil) throws -> (folder: URL, report: URL) {
        let folder = try CLI.temporaryDirectory()
        let extract = try CLI.run(["extract", "seeds", "--out", folder.path, "--quiet"] + (formats.map { ["--format", $0] } ?? []))
        #expect(extract.status == 0, "\(extract.error)")
        let report = folder.appendingPathComponent("report.html")
        let run = try CLI.run(["report", folder.path, "--gold", "Tests/Gold/seeds", "--out", report.path])
        #expect(run.status == 0, "\(run.error)")
        return (folder, report)
    }

    @Test func aFreshExtractGivesTheSameBytesEachTime() throws {
        let (folder, report) = try extractAndReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<mark class=\"m k-ResearchInstitute\""))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\""))
        #expect(html.contains("<span class=\"miss\""))
        // Standard output, a second run: the same bytes (no times, no paths, sorted everything).
        let again = try CLI.run(["report", folder.path, "--gold", "Tests/Gold/seeds", "--out", "-"])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output == html)
        #expect(!html.contains(folder.path), "the page names the folder it was made from")
    }

    @Test func theDatasetAloneIsEnoughAndTheDomainGraphAloneStillReports() throws {
        let (folder, report) = try extractAndReport(formats: "nq")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromDataset = try String(contentsOf: report, encoding: .utf8)
        let (full, fullReport) = try extractAndReport()
        defer { try? FileManager.default.removeItem(at: full) }
        #expect(fromDataset == (try String(contentsOf: fullReport, encoding: .utf8)), "graph.nq holds what graph.nt and provenance.ttl hold")

        let bare = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: bare) }
        #expect(try CLI.run(["extract", "seeds", "--out", bare.path, "--format", "nt", "--quiet"]).status == 0)
        let run = try CLI.run(["report", bare.path, "--out", "-"])
        #expect(run.status == 0)
        #expect(run.error.contains("no provenance"))
        #expect(run.output.contains("holds no provenance"))
        #expect(run.output.contains("<circle"))
    }

    @Test func aFolderWithoutAGraphIsAnErrorWithStatusTwo() throws {
        let empty = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try CLI.run(["report", empty.path, "--out", empty.appendingPathComponent("report.html").path])
        #expect(run.status == 2)
        #expect(run.error.contains("no graph file"))
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("report.html").path))
        let missing = try CLI.run(["report", empty.appendingPathComponent("nothing").path, "--out", "-"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("not a folder"))
        let badGold = try CLI.run(["report", "Output", "--gold", empty.path, "--out", "-"])
        #expect(badGold.status == 2)
        #expect(badGold.error.contains("no gold .json files"))
        #expect(try CLI.run(["report", "Output"]).status == 64, "--out is required")
    }

    @Test(.enabled(if: ExternalTool.shouldRun(needing: "chromium") && ExternalTool.shouldRun(needing: "python3"),
                   "needs chromium and python3: run Scripts/test.sh, which installs them"))
    func chromiumShowsHighlightsAndTheGraph() throws {
        guard let chromium = CLI.which("chromium"), let python = CLI.which("python3") else {
            Issue.record("chromium or python3 is not installed (Scripts/test.sh installs them)")
            return
        }
        let (folder, report) = try extractAndReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = folder.appendingPathComponent("chromium-profile")
        let screenshot = folder.appendingPathComponent("report.png")
        // No sandbox (tests may run as root in a container), no GPU, a fresh profile; a time limit
        // so a browser that hangs fails the test instead of holding it.
        let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)"]
        func runBrowser(_ arguments: [String]) throws -> ExternalTool.Run {
            if let timeout = CLI.which("timeout") { return try CLI.external(timeout, ["120", chromium] + browser + arguments) }
            return try CLI.external(chromium, browser + arguments)
        }

        let dom = try runBrowser(["--dump-dom", report.absoluteString])
        #expect(dom.status == 0, "\(dom.error)")
        let highlights = dom.output.components(separatedBy: "<mark class=\"m k-").count - 1
        #expect(highlights >= 150, "\(highlights) mention highlights in the DOM")
        #expect(dom.output.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\""))
        let nodes = dom.output.components(separatedBy: "<g class=\"node").count - 1
        #expect(nodes >= 90, "\(nodes) nodes in the SVG")
        #expect(dom.output.contains("<circle"))
        #expect(dom.output.contains("class=\"miss\""), "gold misses marked")
        #expect(dom.output.contains("m k-") && dom.output.contains(" fp\""), "false positives marked")

        let shot = try runBrowser(["--screenshot=\(screenshot.path)", "--window-size=1280,2000", report.absoluteString])
        #expect(shot.status == 0, "\(shot.error)")
        let stats = try CLI.external(python, ["-c", Self.pngStatistics, screenshot.path])
        #expect(stats.status == 0, "\(stats.error)")
        // "width height colours non-background-permille" of the left band of the page.
        let numbers = stats.output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(numbers.count == 4, "\(stats.output)")
        guard numbers.count == 4 else { return }
        #expect(numbers[0] == 1280 && numbers[1] == 2000)
        #expect(numbers[2] >= 50, "only \(numbers[2]) colours: the page looks blank")
        #expect(numbers[3] >= 20, "only \(numbers[3])‰ of the pixels differ from the background: the page looks blank")
    }

    /// Decodes a PNG (8-bit RGB or RGBA, not interlaced) with the standard library only and prints
    /// its size, the number of distinct colours in its left 320 columns, and how many of those
    /// pixels (per mille) differ from the most common colour. Filters only look left and up, so
    /// the band decodes without the rest of each row.
    static let pngStatistics = #"""
    import struct, sys, zlib
    from collections import Counter
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    position, idat = 8, b''
    while position < len(data):
        length, kind = struct.unpack('>I4s', data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        elif kind == b'IEND':
            break
    assert depth == 8 and interlace == 0 and colour in (2, 6), 'unsupported PNG'
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    band = min(width, 320) * step
    previous = bytearray(band)
    pixels = Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + band])
        for i in range(band):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        previous = line
        pixels.update(bytes(line[i:i + 3]) for i in range(0, band, step))
    total = sum(pixels.values())
    background = pixels.most_common(1)[0][1]
    print(width, height, len(pixels), (total - background) * 1000 // total)
    """#
}
