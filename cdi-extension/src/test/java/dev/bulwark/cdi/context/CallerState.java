package dev.bulwark.cdi.context;

import jakarta.enterprise.context.RequestScoped;

/** Request-scoped state the caller sets before an asynchronous call. */
@RequestScoped
public class CallerState {

    private String user;

    public String user() {
        return user;
    }

    public void user(String user) {
        this.user = user;
    }
}
