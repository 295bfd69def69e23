package io.adaptivesqs.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a client and a server, for network partitions in tests: {@link #cut()} resets every
 * open connection and every new one until {@link #restore()}. The server keeps its state meanwhile, unlike a
 * restart.
 */
final class TcpProxy implements AutoCloseable {

    private static final AtomicInteger PROXIES = new AtomicInteger();

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final String name = "tcp-proxy-" + PROXIES.incrementAndGet();
    private volatile boolean cut;

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    static TcpProxy start(int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy(listener, targetPort);
        Thread acceptor = new Thread(proxy::accept, proxy.name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection, and every new one until {@link #restore()}. */
    void cut() {
        cut = true;
        open.forEach(TcpProxy::reset);
    }

    void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(TcpProxy::reset);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                reset(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            } catch (IOException e) {
                // the server is down: the client sees the connection reset
                reset(client);
                close(server);
                continue;
            }
            open.add(client);
            open.add(server);
            pump(client, server, "up");
            pump(server, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread pipe = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // reset or closed: the other direction ends too
            } finally {
                if (cut) {
                    reset(from);
                    reset(to);
                } else {
                    close(from);
                    close(to);
                }
                open.remove(from);
                open.remove(to);
            }
        }, name + "-" + direction);
        pipe.setDaemon(true);
        pipe.start();
    }

    /** Closes with an RST rather than a FIN, as a broken network path looks to the client. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
