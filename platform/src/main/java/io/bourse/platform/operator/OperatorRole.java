package io.bourse.platform.operator;

/** What a member of staff may do on the operator endpoints; ADMIN may do everything. */
public enum OperatorRole {
    SUPPORT, COMPLIANCE, FINANCE, ADMIN
}
