package io.tapls.lsp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * The client's messages, in place of lsp4j's StreamMessageProducer: {@link Framing} reads the headers and bounds
 * each body, lsp4j's JSON handler (with {@link JsonRpcMessages}) reads the body, and a message goes on to the
 * endpoint only once its body has been read to its end, so that a message whose framing turned out wrong is
 * refused ({@link ProtocolEndpoint#misframed}) rather than handled. lsp4j's producer let Framing's bodies be read
 * only as far as its JSON reader wanted, and read whatever that left as the next header.
 */
final class MessageReader implements MessageProducer, Closeable {
    private static final Logger LOG = Logger.getLogger(MessageReader.class.getName());

    private final Framing framing;
    private final MessageJsonHandler json;
    private final ProtocolEndpoint endpoint;
    private final Consumer<String> log;
    private volatile boolean running;

    MessageReader(Framing framing, MessageJsonHandler json, ProtocolEndpoint endpoint, Consumer<String> log) {
        this.framing = framing;
        this.json = json;
        this.endpoint = endpoint;
        this.log = log;
    }

    @Override
    public void listen(MessageConsumer callback) {
        running = true;
        try {
            while (running && framing.next()) {
                Message message = null;
                MessageIssueException issue = null;
                try {
                    message = json.parseMessage(new InputStreamReader(framing.body(), StandardCharsets.UTF_8));
                } catch (MessageIssueException e) {
                    issue = e;
                } catch (RuntimeException e) {
                    // Not JSON, or JSON with neither an id nor a method: nothing to answer. One line, as lsp4j's.
                    LOG.log(Level.SEVERE, e.getMessage(), e);
                }
                String why = framing.finish();
                if (why != null) {
                    log.accept("refused a message whose Content-Length (" + framing.declared()
                            + ") is larger than its body: " + why);
                    endpoint.misframed(message != null ? message : issue != null ? issue.getRpcMessage() : null, why);
                    continue;
                }
                try {
                    if (issue != null) {
                        endpoint.handle(issue.getRpcMessage(), issue.getIssues());
                    } else if (message != null) {
                        callback.consume(message);
                    }
                } catch (RuntimeException e) {
                    // As lsp4j's producer: whatever a handler throws, the next message is read.
                    LOG.log(Level.SEVERE, e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            log.accept("reading the client's messages failed: " + e);
        } finally {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
