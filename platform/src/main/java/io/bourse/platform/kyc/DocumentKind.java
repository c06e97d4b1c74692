package io.bourse.platform.kyc;

/** The identity documents a customer may upload. */
public enum DocumentKind {
    PASSPORT, ID_CARD_FRONT, ID_CARD_BACK, DRIVING_LICENSE, SELFIE, PROOF_OF_ADDRESS;

    /** Whether the document proves identity (one of these, with a selfie, is needed for tier 2). */
    public boolean provesIdentity() {
        return this == PASSPORT || this == ID_CARD_FRONT || this == DRIVING_LICENSE;
    }
}
