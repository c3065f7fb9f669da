package dev.palo.services.api;

/** Body of every error answer: one message that names what is wrong. */
public record ApiError(String error) {
}
