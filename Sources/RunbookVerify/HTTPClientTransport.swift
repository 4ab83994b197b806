import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
import RunbookKit

/// The network behind `runbook verify`: swift-server's async-http-client for requests, and
/// SwiftNIO directly for the transport check's handshake.
///
/// Redirects are never followed, TLS 1.2 is the minimum, every exchange has a total deadline,
/// bodies are read only up to a limit, and no cookie is used. With a proxy, every connection,
/// the handshake's included, is a CONNECT tunnel through it.
public final class HTTPClientTransport: SCIMTransport {
    /// Which certificate authorities a server certificate must chain to.
    public enum TrustRoots: Sendable {
        /// The operating system's trust store, as Entra trusts public CAs.
        case system
        /// Only the certificates of a PEM file, like `curl --cacert`.
        case pemFile(String)
    }

    let client: HTTPClient
    let tlsConfiguration: TLSConfiguration
    /// The proxy every connection goes through, if any.
    public let proxy: HTTPProxy?

    /// Creates a transport; call ``shutdown()`` when done.
    ///
    /// - Throws: `.invalidCACert` when a PEM file cannot be read as certificates.
    public init(trustRoots: TrustRoots, proxy: HTTPProxy? = nil, connectTimeout: Duration = .seconds(10))
        throws(RunbookError)
    {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if case .pemFile(let path) = trustRoots {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw RunbookError(
                    .invalidCACert,
                    "cannot read certificates from \(path): it must be a PEM file holding "
                        + "one or more CERTIFICATE blocks, such as your test CA's ca.pem.")
            }
        }
        tlsConfiguration = tls
        self.proxy = proxy
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(connectTimeout), read: .init(connectTimeout)),
            proxy: proxy.map {
                .server(host: $0.host, port: $0.port, authorization: $0.basicCredentials.map { .basic(credentials: $0) })
            },
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(5))
        // A proxy that refuses is an answer, not a fault to retry until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = proxy == nil
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Shuts the client down; pending requests fail.
    public func shutdown() async {
        try? await client.shutdown()
    }

    // MARK: Requests

    public func send(_ request: SCIMRequest, timeout: Duration, bodyLimit: Int) async -> SCIMExchange {
        let start = ContinuousClock.now
        let result = await Self.within(timeout) { await self.perform(request, timeout: timeout, bodyLimit: bodyLimit) }
        return SCIMExchange(request: request, result: result, duration: ContinuousClock.now - start)
    }

    private func perform(_ request: SCIMRequest, timeout: Duration, bodyLimit: Int) async -> Result<
        SCIMResponse, TransportFailure
    > {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        do {
            let response = try await client.execute(outgoing, timeout: .init(timeout))
            var body: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
                let room = bodyLimit - body.count
                if chunk.readableBytes > room {
                    body += chunk.readableBytesView.prefix(room)
                    truncated = true
                    break
                }
                body += chunk.readableBytesView
            }
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            return .success(SCIMResponse(status: Int(response.status.code), headers: headers, body: body, isTruncated: truncated))
        } catch {
            return .failure(proxyFailure(for: error))
        }
    }

    // MARK: Connection and handshake

    public func connect(to endpoint: SCIMEndpoint, timeout: Duration) async -> ConnectionOutcome {
        let start = ContinuousClock.now
        let opened = NIOLockedValueBox(false)
        var result = await Self.within(timeout) {
            await self.handshake(endpoint, timeout: timeout, tls: self.tlsConfiguration, tunnelOpened: opened)
        }
        // A proxy that took the connection and never answered CONNECT is the proxy's fault.
        if let proxy, case .failure(.timedOut) = result, !opened.withLockedValue({ $0 }) {
            result = .failure(
                .proxyUnreachable(proxy: proxy.description, reason: "it did not answer CONNECT within \(timeout.formatted)"))
        }
        // A rejected certificate is looked at again, unverified, to say why it was rejected.
        // Only the handshake runs; no request, and so no token, goes to that server.
        let unverified = {
            var tls = tlsConfiguration
            tls.certificateVerification = .none
            return tls
        }()
        if case .failure(.certificateRejected) = result,
            case .success(let details) = await Self.within(
                timeout, { await self.handshake(endpoint, timeout: timeout, tls: unverified) }),
            let certificate = details.certificate
        {
            result = .failure(.certificateRejected(certificate.problem(for: endpoint.host, at: Date())))
        }
        let duration = ContinuousClock.now - start
        // Then what Entra demands and curl does not: TLS 1.2, with a cipher suite of Learn's list.
        if endpoint.usesTLS, case .success(var details) = result {
            details.tls12 = await tls12Support(endpoint, timeout: timeout)
            result = .success(details)
        }
        return ConnectionOutcome(result: result, duration: duration)
    }

    /// The cipher suites of Learn's list that BoringSSL offers: the four GCM ones.
    static let learnCipherSuites: [NIOTLSCipher] = [
        .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    ]

    private func tls12Support(_ endpoint: SCIMEndpoint, timeout: Duration) async -> TLS12Support {
        var tls12 = tlsConfiguration
        tls12.minimumTLSVersion = .tlsv12
        tls12.maximumTLSVersion = .tlsv12
        var learn = tls12
        learn.cipherSuiteValues = Self.learnCipherSuites
        let (only12, learnOnly) = (tls12, learn)
        let succeeds = { @Sendable (tls: TLSConfiguration) async -> Bool in
            if case .success = await Self.within(timeout, { await self.handshake(endpoint, timeout: timeout, tls: tls) }) {
                return true
            }
            return false
        }
        if await succeeds(learnOnly) { return .learnSuites }
        return await succeeds(only12) ? .otherSuites : .unsupported
    }

    private func handshake(
        _ endpoint: SCIMEndpoint, timeout: Duration, tls: TLSConfiguration, tunnelOpened: NIOLockedValueBox<Bool>? = nil
    ) async -> Result<
        ConnectionDetails, TransportFailure
    > {
        let context: NIOSSLContext?
        do {
            context = endpoint.usesTLS ? try NIOSSLContext(configuration: tls) : nil
        } catch {
            return .failure(.tlsFailed("\(error)"))
        }
        let isAddress = endpoint.host.contains(":") || endpoint.host.allSatisfy { $0.isNumber || $0 == "." }
        let serverName = isAddress ? nil : endpoint.host
        // The promise lives on the channel's event loop; the watcher completes it from there.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let done = eventLoop.makePromise(of: Void.self)
        let proxy = self.proxy
        // What runs over the connection to the endpoint, directly or inside the proxy's tunnel.
        let secure = { (pipeline: ChannelPipeline.SynchronousOperations) throws in
            if let context {
                try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
            }
            try pipeline.addHandler(HandshakeWatcher(done: done, waitsForTLS: context != nil))
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.init(timeout))
            .channelInitializer { channel in
                do {
                    if let proxy {
                        try channel.pipeline.syncOperations.addHandler(
                            ProxyTunnelHandler(
                                proxy: proxy, host: endpoint.host, port: endpoint.port, done: done, opened: tunnelOpened,
                                then: secure))
                    } else {
                        try secure(channel.pipeline.syncOperations)
                    }
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: proxy?.host ?? endpoint.host, port: proxy?.port ?? endpoint.port).get()
        } catch {
            done.fail(error)
            return .failure(proxyFailure(for: error))
        }
        defer { channel.close(promise: nil) }
        do {
            try await withTaskCancellationHandler {
                try await done.futureResult.get()
            } onCancel: {
                done.fail(CancellationError())
            }
            let address =
                if let proxy {
                    "\(endpoint.urlHost):\(endpoint.port) through the proxy \(proxy) (\(proxy.source))"
                } else {
                    channel.remoteAddress.map(Self.describe) ?? "\(endpoint.urlHost):\(endpoint.port)"
                }
            guard endpoint.usesTLS else { return .success(ConnectionDetails(address: address)) }
            let version = try await channel.nioSSL_tlsVersion().get()
            let certificate = try await channel.nioSSL_peerCertificate().get().flatMap {
                CertificateSummary($0) ?? CertificateSummary(refusedCertificate: $0)
            }
            return .success(ConnectionDetails(address: address, tlsVersion: version.map(Self.describe), certificate: certificate))
        } catch {
            return .failure(proxyFailure(for: error))
        }
    }

    /// Completes a promise when the TLS handshake (or, for plain HTTP, the connection) is done.
    private final class HandshakeWatcher: ChannelInboundHandler {
        typealias InboundIn = NIOAny
        let done: EventLoopPromise<Void>
        let waitsForTLS: Bool

        init(done: EventLoopPromise<Void>, waitsForTLS: Bool) {
            self.done = done
            self.waitsForTLS = waitsForTLS
        }

        func channelActive(context: ChannelHandlerContext) {
            if !waitsForTLS { done.succeed() }
            context.fireChannelActive()
        }

        func handlerAdded(context: ChannelHandlerContext) {
            // Added inside a proxy's tunnel, on a connection already open.
            if !waitsForTLS, context.channel.isActive { done.succeed() }
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case TLSUserEvent.handshakeCompleted = event { done.succeed() }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            done.fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            done.fail(ChannelError.eof)
            context.fireChannelInactive()
        }
    }

    // MARK: Helpers

    /// Runs `work`, or gives up with `.timedOut` when `timeout` passes first, cancelling it.
    static func within<T: Sendable>(
        _ timeout: Duration,
        _ work: @escaping @Sendable () async -> Result<T, TransportFailure>
    ) async -> Result<T, TransportFailure> {
        await withTaskGroup(of: Result<T, TransportFailure>?.self) { group in
            group.addTask { await work() }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .failure(.timedOut)
                } catch {
                    return nil
                }
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return .failure(.timedOut)
        }
    }

    private static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    private static func describe(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
