/** A small inventory application: the sample that registrykit-maven-plugin containerizes. */
package com.example.inventory;
