package io.tapls.lsp;

import com.google.gson.JsonParseException;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * lsp4j's endpoint with the rules LSP adds to JSON-RPC, for every method at once rather than in each handler
 * (a handler that forgot would answer, or act on, a message the protocol says to refuse):
 * <ul>
 * <li>before {@code initialize} has been answered, a request is answered ServerNotInitialized (-32002) and a
 * notification other than {@code exit} is dropped ("Server lifecycle", LSP 3.17);</li>
 * <li>{@code initialize} a second time, and any request after {@code shutdown}, is InvalidRequest (-32600); a
 * notification other than {@code exit} after {@code shutdown} is dropped;</li>
 * <li>a request whose method starts with {@code $/} is MethodNotFound (-32601): "a request starting with '$/'
 * must be errored" (lsp4j answers null); so is a request for a notification's method (lsp4j fails
 * internally);</li>
 * <li>well-formed JSON whose parameters have the wrong shape (a string for a position, a line of 1e20) is
 * InvalidParams (-32602) with one line saying where, not lsp4j's ParseError (-32700, which JSON-RPC keeps for
 * text that is not JSON) with a Java exception and a link as its data;</li>
 * <li>a request whose id is no JSON-RPC id (JsonRpcMessages) is InvalidRequest (-32600) with {@code "id": null},
 * before any other rule; one whose id is null is answered with {@code "id": null};</li>
 * <li>a request whose framing was wrong (Framing: a Content-Length larger than its body) is a ParseError
 * (-32700), to its id: JSON-RPC's Parse error is for text that is not one JSON value, as the bytes its
 * Content-Length claimed are not; its id was read from a complete JSON object, and a client waiting for that
 * id is better told than left waiting (as for a body with bytes after its JSON, which lsp4j answers so).</li>
 * </ul>
 */
final class ProtocolEndpoint extends RemoteEndpoint {
    private final MessageConsumer out;
    private volatile boolean initialized;
    private volatile boolean shutdown;

    ProtocolEndpoint(MessageConsumer out, Endpoint local, Function<Throwable, ResponseError> exceptionHandler) {
        super(nullIdsBack(out), local, exceptionHandler);
        this.out = nullIdsBack(out);
    }

    /** The answers to requests whose id was null carry null again (JsonRpcMessages.NullId). */
    private static MessageConsumer nullIdsBack(MessageConsumer out) {
        return message -> {
            if (message instanceof ResponseMessage response && response.getRawId() instanceof JsonRpcMessages.NullId) {
                response.setRawId(null);
            }
            out.consume(message);
        };
    }

    /**
     * A message whose framing was wrong ({@code why}): a request is answered ParseError; anything else has been
     * logged by the reader.
     */
    void misframed(Message message, String why) {
        if (message instanceof RequestMessage request) {
            out.consume(createErrorResponseMessage(request, new ResponseError(ResponseErrorCode.ParseError,
                    "the message's Content-Length is larger than its body: " + why, null)));
        }
    }

    @Override
    protected void handleRequest(RequestMessage request) {
        ResponseError refused = refusal(request.getMethod());
        if (refused != null) {
            out.consume(createErrorResponseMessage(request, refused));
            return;
        }
        // Messages are handled one at a time, in order: initialize is answered (its future completes at once)
        // before the next message is looked at.
        super.handleRequest(request);
        if ("initialize".equals(request.getMethod())) {
            initialized = true;
        } else if ("shutdown".equals(request.getMethod())) {
            shutdown = true;
        }
    }

    /** Why a request must not reach the server, or null. */
    private ResponseError refusal(String method) {
        if (shutdown) {
            return new ResponseError(ResponseErrorCode.InvalidRequest, "the server has been shut down", null);
        }
        if ("initialize".equals(method) && initialized) {
            return new ResponseError(ResponseErrorCode.InvalidRequest, "the server is already initialized", null);
        }
        if (!initialized && !"initialize".equals(method)) {
            return new ResponseError(ResponseErrorCode.ServerNotInitialized, "the server has not been initialized",
                    null);
        }
        if (method != null && method.startsWith("$/")) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "tapls does not implement " + method, null);
        }
        JsonRpcMethod known = method == null || getJsonHandler() == null ? null
                : getJsonHandler().getJsonRpcMethod(method);
        if (known != null && known.isNotification()) {
            // lsp4j would call the notification's handler and fail on its missing future: an internal error
            return new ResponseError(ResponseErrorCode.MethodNotFound, method + " is a notification, not a request",
                    null);
        }
        return null;
    }

    @Override
    protected void handleNotification(NotificationMessage notification) {
        if (!"exit".equals(notification.getMethod()) && (!initialized || shutdown)) {
            return;
        }
        super.handleNotification(notification);
    }

    @Override
    protected void handleRequestIssues(RequestMessage request, List<MessageIssue> issues) {
        for (MessageIssue issue : issues) {
            if (issue.getIssueCode() == ResponseErrorCode.InvalidRequest.getValue()) {
                out.consume(createErrorResponseMessage(request, new ResponseError(ResponseErrorCode.InvalidRequest,
                        issue.getText(), null)));
                return;
            }
        }
        ResponseError refused = refusal(request.getMethod());
        if (refused != null) {
            out.consume(createErrorResponseMessage(request, refused));
            return;
        }
        if (issues.size() == 1 && issues.get(0).getIssueCode() == ResponseErrorCode.ParseError.getValue()
                && request.getMethod() != null && !malformedJson(issues.get(0).getCause())) {
            Throwable cause = issues.get(0).getCause();
            String why = cause == null ? issues.get(0).getText() : cause.getMessage();
            out.consume(createErrorResponseMessage(request, new ResponseError(ResponseErrorCode.InvalidParams,
                    "invalid params for " + request.getMethod() + ": " + firstLine(why), null)));
            return;
        }
        super.handleRequestIssues(request, issues);
    }

    /** Whether gson stopped because the text is not JSON (rather than JSON of an unexpected shape). */
    private static boolean malformedJson(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MalformedJsonException || c instanceof EOFException) {
                return true;
            }
            if (c instanceof JsonParseException && c.getCause() == null
                    && String.valueOf(c.getMessage()).contains("malformed JSON")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        return String.valueOf(s).lines().findFirst().orElse("");
    }
}
