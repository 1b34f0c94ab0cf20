package com.example.charter;

import io.ankor.spring.boot.test.AnkorSimulatorConfiguration;

import org.springframework.boot.SpringApplication;

public class TestCharterApplication {

	public static void main(String[] args) {
		SpringApplication.from(CharterApplication::main).with(AnkorSimulatorConfiguration.class).run(args);
	}

}
