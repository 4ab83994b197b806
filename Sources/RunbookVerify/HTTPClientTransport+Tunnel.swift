import Foundation
import NIOConcurrencyHelpers
import NIOCore
import RunbookKit

extension HTTPClientTransport {
    /// Opens a CONNECT tunnel through a proxy for the transport check's own handshake, then hands
    /// the channel to what follows (TLS), so the certificate and version seen are the endpoint's.
    ///
    /// async-http-client tunnels its requests the same way, but does not say what a proxy that
    /// refuses answered; this handler keeps the status and the `Proxy-Authenticate` realm.
    final class ProxyTunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let proxy: HTTPProxy
        private let target: String
        private let done: EventLoopPromise<Void>
        private let then: (ChannelPipeline.SynchronousOperations) throws -> Void
        private let opened: NIOLockedValueBox<Bool>?
        private var head = ByteBuffer()
        private var isOpen = false

        /// A tunnel to `host:port` through `proxy`; `then` adds the handlers that run inside it,
        /// and `opened` turns true once the proxy has opened the tunnel.
        init(
            proxy: HTTPProxy, host: String, port: Int, done: EventLoopPromise<Void>, opened: NIOLockedValueBox<Bool>?,
            then: @escaping (ChannelPipeline.SynchronousOperations) throws -> Void
        ) {
            self.proxy = proxy
            target = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
            self.done = done
            self.opened = opened
            self.then = then
        }

        func channelActive(context: ChannelHandlerContext) {
            var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
            if let credentials = proxy.basicCredentials { request += "Proxy-Authorization: Basic \(credentials)\r\n" }
            request += "\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            head.writeBuffer(&bytes)
            guard let end = head.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else {
                if head.readableBytes > 16_384 { fail(context, status: nil, reason: "an answer that is not HTTP", realm: nil) }
                return
            }
            let text = String(decoding: head.readableBytesView[..<end.lowerBound], as: UTF8.self)
            let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
            let statusLine = lines.first?.split(separator: " ", maxSplits: 2) ?? []
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
                return fail(context, status: nil, reason: "an answer that is not HTTP", realm: nil)
            }
            guard (200..<300).contains(status) else {
                let challenge = lines.first { $0.lowercased().hasPrefix("proxy-authenticate:") }
                return fail(
                    context, status: status, reason: statusLine.count > 2 ? String(statusLine[2]) : nil,
                    realm: challenge.flatMap(Self.realm(in:)))
            }
            isOpen = true
            opened?.withLockedValue { $0 = true }
            do {
                try then(context.pipeline.syncOperations)
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            } catch {
                done.fail(error)
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if !isOpen { done.fail(TransportFailure.proxyClosed(proxy: proxy.description)) }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            done.fail(isOpen ? error : TransportFailure.proxyClosed(proxy: proxy.description))
            context.close(promise: nil)
        }

        private func fail(_ context: ChannelHandlerContext, status: Int?, reason: String?, realm: String?) {
            done.fail(
                TransportFailure.proxyRefused(
                    proxy: proxy.description, status: status, reason: reason?.visibleForMessage(limit: 80),
                    realm: realm?.visibleForMessage(limit: 80)))
            context.close(promise: nil)
        }

        /// The realm of a `Proxy-Authenticate: Basic realm="…"` line.
        static func realm(in line: Substring) -> String? {
            guard let start = line.range(of: "realm=\"", options: .caseInsensitive)?.upperBound,
                let end = line[start...].firstIndex(of: "\"")
            else { return nil }
            return String(line[start..<end])
        }
    }
}
