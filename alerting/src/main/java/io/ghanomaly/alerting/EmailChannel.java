package io.ghanomaly.alerting;

import io.ghanomaly.core.alert.Alert;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** E-mail over SMTP: a plain-text and an HTML part, to every recipient. */
public final class EmailChannel implements AlertChannel {
    /** How the connection is secured. */
    public enum Security {
        /** Upgrade a plain connection (port 587); refused if the server cannot. */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SSL,
        /** No TLS: only for a relay on the same host or network. */
        NONE
    }

    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    /**
     * @param user the SMTP login (the sender, as the reference project did), or null for none
     * @param password its password, or null for an unauthenticated relay
     */
    public EmailChannel(
            String host,
            int port,
            Security security,
            String user,
            String password,
            String from,
            List<String> to,
            Duration timeout)
            throws AddressException {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        boolean auth = password != null && !password.isEmpty();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        switch (security) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case SSL -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> {}
        }
        this.session =
                auth
                        ? Session.getInstance(
                                p,
                                new Authenticator() {
                                    @Override
                                    protected PasswordAuthentication getPasswordAuthentication() {
                                        return new PasswordAuthentication(user, password);
                                    }
                                })
                        : Session.getInstance(p);
        this.from = new InternetAddress(from, true);
        this.to = new InternetAddress[to.size()];
        for (int i = 0; i < to.size(); i++) {
            this.to[i] = new InternetAddress(to.get(i), true);
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to);
            m.setSubject(AlertMessages.subject(alert), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(AlertMessages.text(alert), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(AlertMessages.html(alert), "text/html; charset=utf-8");
            MimeMultipart both = new MimeMultipart("alternative");
            both.addBodyPart(text);
            both.addBodyPart(html);
            m.setContent(both);
            m.setHeader("X-GH-Anomaly-Alert-Id", alert.id());
            Transport.send(m);
        } catch (AuthenticationFailedException e) {
            // retrying a wrong password only gets the account locked
            throw DeliveryException.permanent("email: the SMTP server refused the login");
        } catch (SMTPSendFailedException e) {
            int code = e.getReturnCode(); // 4xx: greylisting, a full queue; try again later
            if (code >= 400 && code < 500) {
                throw DeliveryException.retryable("email: " + code + " " + e.getMessage());
            }
            throw DeliveryException.permanent("email: refused: " + code + " " + e.getMessage());
        } catch (SendFailedException e) {
            throw DeliveryException.permanent("email: recipients refused: " + e.getMessage());
        } catch (MessagingException e) {
            throw DeliveryException.retryable("email: " + e.getMessage());
        }
    }
}
