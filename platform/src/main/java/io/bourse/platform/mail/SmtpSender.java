package io.bourse.platform.mail;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Sends the outbox through an SMTP server (Angus Mail), configured by one URL:
 * {@code smtp://user:password@host:587?starttls=true} or {@code smtps://…} for TLS from the first byte.
 */
public final class SmtpSender implements MailSender {
    private final Session session;
    private final String from;

    public SmtpSender(String url, String from) {
        URI uri = URI.create(url);
        if (!"smtp".equals(uri.getScheme()) && !"smtps".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the mail URL must start with smtp:// or smtps://");
        }
        boolean tls = uri.getScheme().equals("smtps");
        Properties p = new Properties();
        p.put("mail.transport.protocol", uri.getScheme());
        p.put("mail." + uri.getScheme() + ".host", uri.getHost());
        p.put("mail." + uri.getScheme() + ".port", Integer.toString(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587));
        p.put("mail." + uri.getScheme() + ".connectiontimeout", "10000");
        p.put("mail." + uri.getScheme() + ".timeout", "10000");
        if (uri.getQuery() != null && uri.getQuery().contains("starttls=true")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (uri.getUserInfo() != null) {
            String[] userPass = uri.getRawUserInfo().split(":", 2);
            String user = URLDecoder.decode(userPass[0], StandardCharsets.UTF_8);
            String password = userPass.length > 1 ? URLDecoder.decode(userPass[1], StandardCharsets.UTF_8) : "";
            p.put("mail." + uri.getScheme() + ".auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
        this.from = from;
    }

    @Override
    public void send(Mail mail) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient(), true));
        m.setSubject(mail.subject(), "UTF-8");
        m.setText(mail.body(), "UTF-8");
        m.setHeader("Auto-Submitted", "auto-generated");
        Transport.send(m);
    }

    @Override
    public String toString() {
        return "SmtpSender[from " + from + "]";
    }
}
