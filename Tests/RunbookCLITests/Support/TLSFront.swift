import NIOCore
import NIOPosix
import NIOSSL

/// A TLS front on loopback: terminates TLS with a test certificate and passes the bytes on to
/// a plain-HTTP server, as a load balancer would in front of a SCIM service.
final class TLSFront: @unchecked Sendable {
    let port: Int
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    static func start(context: NIOSSLContext, backendPort: Int) async throws -> TLSFront {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { client in
                ClientBootstrap(group: client.eventLoop).connect(host: "127.0.0.1", port: backendPort).flatMapThrowing {
                    backend in
                    let (front, back) = Glue.pair()
                    try client.pipeline.syncOperations.addHandlers(NIOSSLServerHandler(context: context), front)
                    try backend.pipeline.syncOperations.addHandler(back)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TLSFront(channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }

    /// One side of a byte pipe between two channels on the same event loop.
    private final class Glue: ChannelDuplexHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private var partner: Glue?
        private var context: ChannelHandlerContext?

        static func pair() -> (Glue, Glue) {
            let first = Glue()
            let second = Glue()
            first.partner = second
            second.partner = first
            return (first, second)
        }

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }
        func handlerRemoved(context: ChannelHandlerContext) {
            self.context = nil
            partner = nil
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            partner?.context?.write(data, promise: nil)
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            partner?.context?.flush()
        }

        func channelInactive(context: ChannelHandlerContext) {
            partner?.context?.close(promise: nil)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
