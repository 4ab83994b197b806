import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP/1.1 server on loopback, in this process, for the faults a real SCIM server will not
/// produce: slow answers, huge bodies, connections closed half-way, redirects, bad TLS.
final class FakeHTTPServer: @unchecked Sendable {
    /// A request as the server received it.
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]
        var body = ""

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// What the server does with a request.
    indirect enum Behavior: Sendable {
        /// An answer, whole.
        case respond(status: Int, headers: [(name: String, value: String)], body: String)
        /// Waits, then behaves as the inner behavior.
        case delayed(Duration, Behavior)
        /// A 200 whose body of `bytes` spaces is streamed in 64 KiB chunks.
        case hugeBody(bytes: Int)
        /// Promises `Content-Length: 1000`, sends 10 bytes, and closes the connection.
        case closeMidBody

        static func json(
            _ status: Int, _ body: String, contentType: String = "application/scim+json",
            headers: [(name: String, value: String)] = []
        ) -> Behavior {
            .respond(status: status, headers: [(name: "Content-Type", value: contentType)] + headers, body: body)
        }
    }

    let port: Int
    let host: String
    private let channel: any Channel
    private let recorder: Recorder

    private init(channel: any Channel, host: String, recorder: Recorder) {
        self.channel = channel
        self.host = host
        port = channel.localAddress?.port ?? 0
        self.recorder = recorder
    }

    /// Every request received so far.
    var requests: [Request] { recorder.requests }

    /// The base URL, such as `http://127.0.0.1:41234`; `hostName` replaces the address, such as
    /// `localhost` to match a test certificate.
    func baseURL(hostName: String? = nil) -> String {
        "\(usesTLS ? "https" : "http")://\(hostName ?? host):\(port)"
    }

    private var usesTLS = false

    /// Starts a server on `host`, an ephemeral port; `tls` serves HTTPS with that certificate.
    static func start(
        host: String = "127.0.0.1", tls: NIOSSLContext? = nil,
        _ handler: @escaping @Sendable (Request) -> Behavior
    ) async throws -> FakeHTTPServer {
        let recorder = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(recorder: recorder, handler: handler))
                }
            }
            .bind(host: host, port: 0).get()
        let server = FakeHTTPServer(channel: channel, host: host, recorder: recorder)
        server.usesTLS = tls != nil
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [Request] = []
        var requests: [Request] { lock.withLock { received } }
        func record(_ request: Request) { lock.withLock { received.append(request) } }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let recorder: Recorder
        let handler: @Sendable (Request) -> Behavior
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(recorder: Recorder, handler: @escaping @Sendable (Request) -> Behavior) {
            self.recorder = recorder
            self.handler = handler
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                let request = Request(
                    method: head.method.rawValue, uri: head.uri,
                    headers: head.headers.map { (name: $0.name, value: $0.value) },
                    body: String(buffer: body))
                recorder.record(request)
                perform(handler(request), context: context)
            }
        }

        private func perform(_ behavior: Behavior, context: ChannelHandlerContext) {
            switch behavior {
            case .respond(let status, let headers, let body):
                var fields = HTTPHeaders(headers.map { ($0.name, $0.value) })
                fields.replaceOrAdd(name: "Content-Length", value: "\(body.utf8.count)")
                context.write(
                    wrapOutboundOut(
                        .head(
                            HTTPResponseHead(
                                version: .http1_1, status: .init(statusCode: status),
                                headers: fields))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .delayed(let delay, let inner):
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .init(delay)) {
                    let (handler, context) = loopBound.value
                    handler.perform(inner, context: context)
                }
            case .hugeBody(let bytes):
                let headers = HTTPHeaders([("Content-Type", "application/scim+json"), ("Content-Length", "\(bytes)")])
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                    promise: nil)
                stream(remaining: bytes, context: context)
            case .closeMidBody:
                let headers = HTTPHeaders([("Content-Type", "application/scim+json"), ("Content-Length", "1000")])
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: #"{"schemas":"#)))), promise: nil)
                context.close(promise: nil)
            }
        }

        /// Streams spaces chunk by chunk, each write waiting for the last, so memory stays flat.
        private func stream(remaining: Int, context: ChannelHandlerContext) {
            guard remaining > 0, context.channel.isActive else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            let size = min(remaining, 65_536)
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(repeating: 0x20, count: size)))))
                .whenSuccess {
                    let (handler, context) = loopBound.value
                    handler.stream(remaining: remaining - size, context: context)
                }
        }
    }
}
