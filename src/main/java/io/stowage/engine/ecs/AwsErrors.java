package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one AWS call and turns what can go wrong into words a user can act on: which call was refused and
 * AWS's own code and reason ({@link EcsRequestException}), or why no answer came at all
 * ({@link EngineUnavailableException}: no credentials for the profile, an expired SSO session, no region, no
 * endpoint answering at the address).
 */
final class AwsErrors {

    private AwsErrors() {
    }

    static <T> T call(EcsSettings settings, String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            var details = e.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "HTTP " + e.statusCode() : details.errorCode();
            String message = details == null || details.errorMessage() == null
                    ? (e.statusCode() >= 500 ? "the endpoint failed on its side (HTTP " + e.statusCode()
                    + "); trying again later may succeed" : firstLine(String.valueOf(e.getMessage())))
                    : details.errorMessage();
            throw new EcsRequestException(operation, code, message, e);
        } catch (SdkClientException e) {
            throw new EngineUnavailableException(clientProblem(settings, operation, e), e);
        }
    }

    /**
     * AWS's error code of a refused call ({@code AccessDenied}), or {@code HTTP <status>} when the answer carried
     * none the SDK could read (some emulators write the other protocol's error body; it is read here too).
     */
    static String code(AwsServiceException e) {
        var details = e.awsErrorDetails();
        if (details != null && details.errorCode() != null) {
            return details.errorCode();
        }
        String fromBody = fromRawBody(e, "Code", "__type", "code");
        return fromBody != null ? fromBody : "HTTP " + e.statusCode();
    }

    /** AWS's reason for a refused call, in its words; the SDK's sentence when the answer carried none. */
    static String reason(AwsServiceException e) {
        var details = e.awsErrorDetails();
        if (details != null && details.errorMessage() != null) {
            return details.errorMessage();
        }
        String fromBody = fromRawBody(e, "Message", "message", "Message");
        return fromBody != null ? fromBody : firstLine(String.valueOf(e.getMessage()));
    }

    /** {@code code: reason} of a refused call, or why there was no answer. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return code(service) + ": " + reason(service);
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static final Pattern XML = Pattern.compile("<(\\w+)>([^<]*)</\\1>");

    private static String fromRawBody(AwsServiceException e, String xmlElement, String jsonMember, String other) {
        var details = e.awsErrorDetails();
        if (details == null || details.rawResponse() == null) {
            return null;
        }
        String body = details.rawResponse().asUtf8String();
        var m = XML.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(xmlElement)) {
                return m.group(2).strip();
            }
        }
        var json = Pattern.compile("\"(?:" + jsonMember + "|" + other + ")\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(body);
        return json.find() ? json.group(1) : null;
    }

    static void run(EcsSettings settings, String operation, Runnable request) {
        call(settings, operation, () -> {
            request.run();
            return null;
        });
    }

    /** Why a call got no answer, in words that say what to do about it. */
    static String clientProblem(EcsSettings settings, String operation, SdkClientException e) {
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String profile = settings.profile();
        if (lower.contains("sso") && (lower.contains("expired") || lower.contains("token"))) {
            return "the SSO session of profile " + (profile == null ? "default" : profile) + " has expired or was"
                    + " never started: run aws sso login" + (profile == null ? "" : " --profile " + profile);
        }
        if (lower.contains("unable to load credentials") || lower.contains("no credentials")
                || lower.contains("profile file contained no credentials") || lower.contains("credentials")
                && lower.contains("profile")) {
            return profile != null
                    ? "credentials missing for profile " + profile + ": it is not in ~/.aws/config or"
                    + " ~/.aws/credentials, or has no keys, SSO or role settings (" + firstLine(text) + ")"
                    : "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run aws configure"
                    + " or aws sso login, or give --profile (" + firstLine(text) + ")";
        }
        if (lower.contains("unable to load region") || lower.contains("region must be specified")) {
            return "no AWS region: give --region, set AWS_REGION, or set region in the profile"
                    + (profile == null ? "" : " " + profile);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException || lower.contains("unable to execute http request")) {
            return "no ECS endpoint answers at " + where(settings) + " (" + operation + ": "
                    + firstLine(String.valueOf(cause.getMessage())) + ")";
        }
        return operation + " did not reach AWS: " + firstLine(text);
    }

    private static String where(EcsSettings settings) {
        if (settings.endpointOverride() != null) {
            return settings.endpointOverride().toString();
        }
        return "the AWS endpoint of region " + (settings.region() == null ? "(default)" : settings.region());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
