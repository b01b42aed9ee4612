package com.example.inventory;

import java.util.function.Predicate;

/** A result worth retrying: a negative number. */
public class IsNegative implements Predicate<Object> {
    @Override
    public boolean test(Object result) {
        return result instanceof Integer i && i < 0;
    }
}
