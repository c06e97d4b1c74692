package io.bourse.platform.kyc;

import java.util.Map;

/** The first bytes each accepted document type starts with, so a renamed executable is not taken for a photo. */
final class FileSignatures {
    private static final Map<String, byte[]> MAGIC = Map.of(
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'});

    private FileSignatures() {
    }

    static boolean matches(String contentType, byte[] content) {
        byte[] magic = MAGIC.get(contentType);
        if (magic == null || content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
