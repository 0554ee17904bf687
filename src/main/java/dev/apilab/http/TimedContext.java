package dev.apilab.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's context for one connection with one change: its reader and writer go through
 * {@link TimedConnection}, which times how long the client keeps the server waiting.
 */
final class TimedContext implements ConnectionContext {
    private final ConnectionContext helidon;
    private final TimedConnection connection;
    private final DataReader reader;
    private final DataWriter writer;

    TimedContext(ConnectionContext helidon, TimedConnection connection) {
        this.helidon = helidon;
        this.connection = connection;
        DataReader helidonReader = helidon.dataReader();
        HelidonSocket socket = helidon.serverSocket();
        this.reader = DataReader.create(() -> connection.readFromClient(() -> {
            // Straight from the socket; Helidon's reader only holds bytes if it looked at the protocol first.
            if (helidonReader.available() > 0) {
                return helidonReader.readBytes(helidonReader.available());
            }
            try {
                return socket.get();
            } catch (UncheckedIOException e) {
                throw new ServerConnectionException("Failed to get data from socket", e);
            }
        }));
        this.writer = new TimedWriter(helidon.dataWriter(), connection);
    }

    TimedConnection connection() {
        return connection;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return helidon.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return helidon.executor();
    }

    @Override
    public Router router() {
        return helidon.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return helidon.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return helidon.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return helidon.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return helidon.localPeer();
    }

    @Override
    public boolean isSecure() {
        return helidon.isSecure();
    }

    @Override
    public String socketId() {
        return helidon.socketId();
    }

    @Override
    public String childSocketId() {
        return helidon.childSocketId();
    }

    /** Helidon's writer for the connection, each write timed (a client that stops reading blocks it). */
    private record TimedWriter(DataWriter helidon, TimedConnection connection) implements DataWriter {
        @Override
        public void write(BufferData... buffers) {
            connection.writeToClient(() -> helidon.write(buffers));
        }

        @Override
        public void write(BufferData buffer) {
            connection.writeToClient(() -> helidon.write(buffer));
        }

        @Override
        public void writeNow(BufferData... buffers) {
            connection.writeToClient(() -> helidon.writeNow(buffers));
        }

        @Override
        public void writeNow(BufferData buffer) {
            connection.writeToClient(() -> helidon.writeNow(buffer));
        }

        @Override
        public void flush() {
            connection.writeToClient(helidon::flush);
        }

        @Override
        public void close() {
            helidon.close();
        }
    }
}
