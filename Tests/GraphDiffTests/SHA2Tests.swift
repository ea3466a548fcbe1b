import Testing
@testable import GraphDiff

/// FIPS 180-4 / NIST example vectors.
struct SHA2Tests {
    static let message448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    static let message896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (message448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (message896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256(message: String, expected: String) {
        #expect(HashAlgorithm.sha256.hexDigest(message) == expected)
    }

    @Test(arguments: [
        ("abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        ("", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        (message448, "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b"),
        (message896, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"),
    ])
    func sha384(message: String, expected: String) {
        #expect(HashAlgorithm.sha384.hexDigest(message) == expected)
    }

    @Test func oneMillionA() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(HashAlgorithm.hex(SHA256.hash(million)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(HashAlgorithm.hex(SHA384.hash(million))
            == "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")
    }

    /// Feeding the message in uneven pieces must not change the digest (block boundaries inside updates).
    @Test func streamingMatchesOneShot() {
        let bytes = Array(Self.message896.utf8)
        var sha256 = SHA256(), sha384 = SHA384()
        var start = 0
        for size in [1, 7, 63, 64, 65, 2] where start < bytes.count {
            let end = min(bytes.count, start + size)
            sha256.update(bytes[start..<end])
            sha384.update(bytes[start..<end])
            start = end
        }
        sha256.update(bytes[start...])
        sha384.update(bytes[start...])
        #expect(sha256.finalize() == SHA256.hash(bytes))
        #expect(sha384.finalize() == SHA384.hash(bytes))
    }
}
