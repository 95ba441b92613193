/**
 * A Java application as container image layers: its files sorted into layers by how often they
 * change (release dependencies, snapshot dependencies, other modules of the same build, resources,
 * classes, extra directories — least often first, so an edit to a class rebuilds and sends one
 * small layer), its entrypoint, and the image's creation time.
 *
 * <p>{@link dev.registrykit.core.javaapp.JavaApplication} describes the application and builds its
 * layers through a {@link dev.registrykit.core.layercache.LayerCache}; every layer is reproducible
 * (see {@link dev.registrykit.core.build}): the same files give the same digests on any machine and
 * from any checkout path. {@link dev.registrykit.core.javaapp.MainClasses} finds the main class
 * when the build does not name it. Nothing here touches the network; the containerizer in the
 * client module puts these layers on a base image and writes the result.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.javaapp;
