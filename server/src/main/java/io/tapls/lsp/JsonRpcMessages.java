package io.tapls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.adapters.MessageTypeAdapter;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * lsp4j's reading of a JSON-RPC message with JSON-RPC 2.0's rule for the id ("Request object", section 4): "An
 * identifier established by the Client that MUST contain a String, Number, or NULL value if included". lsp4j read
 * a number with {@code nextInt} and anything else with {@code nextString}, and dropped the message on any other id
 * (1.5, 2147483648, null, true, an object or an array) with a line in the log: the client waited for an answer
 * that never came. Here
 * <ul>
 * <li>a string is read as lsp4j does, and an integer that fits an int too (its answer carries the same id);</li>
 * <li>any other number, a fraction or a big integer, is a valid id, and answered with the same value: JSON-RPC
 * says numbers "SHOULD NOT contain fractional parts", a SHOULD for the client, not a MUST, and the response's id
 * "MUST be the same as the value of the id member in the Request Object". Refusing it would refuse what JSON-RPC
 * allows; LSP's own {@code integer | string} narrows what a client sends, not what a server may answer;</li>
 * <li>null is a valid id too ("discouraged", as the answer to a message whose id could not be read carries null
 * as well): the request is handled under an id of its own ({@link NullId}), and answered with {@code "id": null}
 * (ProtocolEndpoint puts the null back);</li>
 * <li>true, false, an object or an array is no id: the request is Invalid Request (-32600), answered with
 * {@code "id": null} as JSON-RPC says for a request whose id could not be read.</li>
 * </ul>
 * The rest of the message is read as lsp4j reads it, with its own hooks for the params and the result.
 */
final class JsonRpcMessages extends MessageTypeAdapter {
    private final Gson gson;

    private JsonRpcMessages(MessageJsonHandler handler, Gson gson) {
        super(handler, gson);
        this.gson = gson;
    }

    /** Registered after lsp4j's own factory, so that gson asks it first. */
    static final class Factory implements TypeAdapterFactory {
        private final MessageJsonHandler handler;

        Factory(MessageJsonHandler handler) {
            this.handler = handler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            return Message.class.isAssignableFrom(type.getRawType())
                    ? (TypeAdapter<T>) new JsonRpcMessages(handler, gson) : null;
        }
    }

    /** The id under which a request whose id is null is handled; its response gets {@code "id": null} back. */
    static final class NullId extends Either<String, Number> {
        private static final AtomicLong NEXT = new AtomicLong();

        NullId() {
            // Unique, so that lsp4j's table of requests in progress keeps two of them apart; never sent.
            super("\u0000tapls-null-id-" + NEXT.incrementAndGet(), null);
        }
    }

    @Override
    public Message read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        String jsonrpc = null;
        String method = null;
        Either<String, Number> id = null;
        String badId = null;
        Object params = null;
        Object result = null;
        ResponseError error = null;
        in.beginObject();
        try {
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "jsonrpc" -> jsonrpc = in.nextString();
                    case "id" -> {
                        JsonToken token = in.peek();
                        switch (token) {
                            case STRING -> id = Either.forLeft(in.nextString());
                            case NUMBER -> id = Either.forRight(number(in.nextString()));
                            case NULL -> {
                                in.nextNull();
                                id = new NullId();
                            }
                            default -> {
                                in.skipValue();
                                badId = token == JsonToken.BOOLEAN ? "a boolean"
                                        : token == JsonToken.BEGIN_ARRAY ? "an array" : "an object";
                            }
                        }
                    }
                    case "method" -> method = in.nextString();
                    // As lsp4j: of the method's type when the method came first, as JSON to convert at the end if not.
                    case "params" -> params = parseParams(in, method);
                    case "result" -> result = parseResult(in, id == null ? null : id.get().toString());
                    case "error" -> error = gson.fromJson(in, ResponseError.class);
                    default -> in.skipValue();
                }
            }
            in.endObject();
        } catch (JsonSyntaxException | MalformedJsonException | EOFException e) {
            // As lsp4j: a message whose id or method was read is answered (a ParseError); one with neither is only
            // logged.
            if (badId != null && method != null) {
                throw invalidId(jsonrpc, method, badId);
            }
            if (id == null && method == null) {
                throw e;
            }
            throw new MessageIssueException(createMessage(jsonrpc, id, method, params, result, error),
                    new MessageIssue("Message could not be parsed.", ResponseErrorCode.ParseError.getValue(), e));
        }
        if (badId != null) {
            if (method == null) {
                throw new JsonParseException("a response whose id is " + badId + ": ignored");
            }
            throw invalidId(jsonrpc, method, badId);
        }
        Object raw = params;
        try {
            params = parseParams(params, method);
            result = parseResult(result, id == null ? null : id.get().toString());
        } catch (JsonParseException e) {
            // JSON of the wrong shape for the method, read before the method was (lsp4j let this escape, and the
            // request went unanswered): ProtocolEndpoint answers InvalidParams
            if (id == null && method == null) {
                throw e;
            }
            throw new MessageIssueException(createMessage(jsonrpc, id, method, raw, result, error),
                    new MessageIssue("Message could not be parsed.", ResponseErrorCode.ParseError.getValue(), e));
        }
        return createMessage(jsonrpc, id, method, params, result, error);
    }

    /** An id number as the client wrote it: an Integer where it fits (lsp4j's own), else its exact value. */
    private static Number number(String literal) {
        try {
            return Integer.valueOf(literal);
        } catch (NumberFormatException e) {
            return new BigDecimal(literal);
        }
    }

    /** A request with no id that can be answered (rawId null): Invalid Request, answered with {@code "id": null}. */
    private MessageIssueException invalidId(String jsonrpc, String method, String what) {
        RequestMessage request = new RequestMessage();
        request.setJsonrpc(jsonrpc);
        request.setMethod(method);
        return new MessageIssueException(request, new MessageIssue("invalid request: its id is " + what
                + ", not a string, a number or null", ResponseErrorCode.InvalidRequest.getValue()));
    }
}
