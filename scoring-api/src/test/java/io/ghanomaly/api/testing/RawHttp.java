package io.ghanomaly.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends any bytes as an HTTP/1.1 request over a fresh loopback connection and reads the status, so
 * fuzz tests can send what no well-behaved client library would (illegal paths, broken encodings).
 */
public final class RawHttp {
    private RawHttp() {}

    /** The status of the answer, or -1 when the server closed without one. */
    public static int send(int port, String method, byte[] target, String headers, byte[] body)
            throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(method.getBytes(StandardCharsets.ISO_8859_1));
            request.write(' ');
            request.write(target);
            request.write(
                    (" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                    + headers
                                    + "Content-Length: "
                                    + body.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            request.write(body);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 400) and close before reading everything.
            }
            return status(s.getInputStream());
        }
    }

    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        String status = line.toString();
        int space = status.indexOf(' ');
        if (!status.startsWith("HTTP/") || space < 0 || status.length() < space + 4) {
            return -1;
        }
        in.transferTo(OutputStream.nullOutputStream());
        return Integer.parseInt(status.substring(space + 1, space + 4));
    }
}
